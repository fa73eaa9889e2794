// What the rest of a process needs of tracing.ts (loaded first, by --import): one module, so both
// see the same state.
let shutdown: (() => Promise<void>) | undefined;

export function onTracingShutdown(fn: () => Promise<void>): void {
  shutdown = fn;
}

/** Sends the spans still batched (when tracing is on); never throws. */
export async function flushTracing(): Promise<void> {
  await shutdown?.().catch(() => undefined);
}
