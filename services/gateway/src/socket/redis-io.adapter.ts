import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { bindPlainHandlers } from './plain-handlers.js';

/**
 * Socket.IO server whose rooms span every gateway replica through Redis pub/sub. Both adapter
 * clients get `error` listeners: an unobserved subscriber failure would silently stop
 * cross-replica delivery.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly log = new Logger(RedisIoAdapter.name);
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(
    app: INestApplicationContext,
    redisUrl: string,
    private readonly options: { commandTimeoutMs: number; corsOrigins: string[] },
  ) {
    super(app);
    this.pub = new Redis(redisUrl, {
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs,
      retryStrategy: (n) => Math.min(n * 200, 2000),
    });
    // The subscriber waits on its subscriptions for as long as they last.
    this.sub = this.pub.duplicate({ commandTimeout: undefined });
    for (const [name, client] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      let last = '';
      client.on('error', (err: Error) => {
        if (err.message !== last) {
          last = err.message;
          this.log.warn(`Socket.IO Redis ${name}: ${err.message}`);
        }
      });
      client.on('ready', () => {
        last = '';
      });
    }
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // CORS as for REST: closed unless CORS_ORIGINS lists the origins of browser clients. (The
    // token travels in the handshake's auth payload, never in a cookie, so a page of another
    // origin cannot ride on a user's session either way.)
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: this.options.corsOrigins, credentials: false },
    } as ServerOptions);
    server.adapter(createAdapter(this.pub, this.sub, { key: 'fitness:socket.io' }));
    return server;
  }

  /** Plain listeners instead of Nest's per-socket rxjs pipelines: see bindPlainHandlers. */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    bindPlainHandlers(socket, handlers, transform, this.log);
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
