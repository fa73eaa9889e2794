import { Logger, type INestApplicationContext } from '@nestjs/common';
import { errorMessage } from './errors/domain-errors.js';
import { flushTracing } from './tracing-hooks.js';

export const SHUTDOWN_GRACE_MS_DEFAULT = 10_000;

export interface GracefulShutdownOptions {
  /** Budget from the signal to the exit (SHUTDOWN_GRACE_MS); Kubernetes kills at 30 s. */
  graceMs: number;
  /**
   * Runs first, while every listener still accepts: the place for work that must precede the
   * close of the servers (the gateway's Socket.IO sockets get their reconnect hint here).
   */
  beforeClose?: () => Promise<void> | void;
  signals?: readonly NodeJS.Signals[];
  /** process.exit, replaceable in tests. */
  exit?: (code: number) => void;
}

/**
 * SIGTERM (and SIGINT) → stop accepting, let in-flight HTTP requests and gRPC calls finish, close
 * the clients and stores (Nest's shutdown hooks), then exit 0. A drain that outlives `graceMs`
 * exits 1 instead of waiting for the orchestrator's SIGKILL.
 *
 * Replaces Nest's `enableShutdownHooks()`, which re-raises the signal once done, so the process
 * ends "killed by SIGTERM" rather than with exit code 0, and which has no overall deadline (grpc-js'
 * `tryShutdown` waits for as long as a call runs).
 *
 * Returns the shutdown function (what a signal triggers), for tests and explicit stops.
 */
export function enableGracefulShutdown(
  app: INestApplicationContext,
  options: GracefulShutdownOptions,
): (signal?: string) => Promise<void> {
  const logger = new Logger('Shutdown');
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running: Promise<void> | undefined;

  const shutdown = (signal = 'SIGTERM'): Promise<void> => {
    running ??= (async () => {
      const started = Date.now();
      const watchdog = setTimeout(() => {
        logger.error(`still draining after ${options.graceMs} ms: exiting now`);
        exit(1);
      }, options.graceMs);
      watchdog.unref();
      logger.log(`${signal}: draining in-flight requests (at most ${options.graceMs} ms)`);
      try {
        await options.beforeClose?.();
        // Nest's hooks get no signal this way (its own handler passes one); ours don't need it.
        await app.close();
        // Spans still batched (when tracing is on) leave before the process does.
        await flushTracing();
        clearTimeout(watchdog);
        logger.log(`stopped cleanly in ${Date.now() - started} ms`);
        exit(0);
      } catch (err) {
        clearTimeout(watchdog);
        logger.error(
          `shutdown failed: ${errorMessage(err)}`,
          err instanceof Error ? err.stack : undefined,
        );
        exit(1);
      }
    })();
    return running;
  };

  // `once`: a second signal (Ctrl-C twice) gets the default action and ends the process at once.
  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as const)) {
    process.once(signal, () => void shutdown(signal));
  }
  return shutdown;
}
