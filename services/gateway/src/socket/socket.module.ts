import { Module } from '@nestjs/common';
import { ConnectionRegistry } from './connection-registry.js';
import { SocketAuth } from './socket-auth.js';
import { SocketEmitter } from './socket.emitter.js';
import { SocketGateway } from './socket.gateway.js';

/** The Socket.IO transport floor every real-time feature stands on. */
@Module({
  providers: [SocketGateway, SocketAuth, SocketEmitter, ConnectionRegistry],
  exports: [SocketGateway, SocketEmitter, ConnectionRegistry],
})
export class SocketModule {}
