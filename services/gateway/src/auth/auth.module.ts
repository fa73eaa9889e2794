import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtCodec } from '@fitness/common';
import type { GatewayEnv } from '../config/env.dto.js';

/** Token verification for REST (the global guard) and Socket.IO (the handshake). */
@Global()
@Module({
  providers: [
    {
      provide: JwtCodec,
      inject: [ConfigService],
      // Only verifies here; the TTL applies to signing, which the user service does.
      useFactory: (config: ConfigService<GatewayEnv, true>) =>
        new JwtCodec(config.get('JWT_SECRET'), 3600),
    },
  ],
  exports: [JwtCodec],
})
export class AuthModule {}
