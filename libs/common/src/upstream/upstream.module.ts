import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GrpcClientEnv } from '../config.js';
import { breakerOptionsFrom } from './circuit-breaker.js';
import { ServiceTokenSigner } from './service-token.js';
import { Upstream, type AnyUpstreamSpec } from './upstream.js';

const ALL_UPSTREAMS = Symbol('ALL_UPSTREAMS');

/** The injection token of an upstream: `@InjectUpstream(USER_UPSTREAM) users: UserUpstream`. */
export function upstreamToken(spec: AnyUpstreamSpec): string {
  return `upstream:${spec.name}`;
}

export const InjectUpstream = (spec: AnyUpstreamSpec): ParameterDecorator =>
  Inject(upstreamToken(spec));

type Env = ConfigService<GrpcClientEnv & Record<AnyUpstreamSpec['targetEnv'], string>, true>;

/**
 * The upstream services a process calls, one `Upstream` each (client, breaker, health, close),
 * from the validated environment (`<NAME>_SERVICE_TARGET`, GRPC_DEADLINE_MS, BREAKER_*). All are
 * closed, breakers included, when the app shuts down.
 */
@Module({})
export class UpstreamModule implements OnApplicationShutdown {
  constructor(@Inject(ALL_UPSTREAMS) private readonly upstreams: Upstream<never>[]) {}

  /** `caller`: this process's service name, the one its credential carries. */
  static forRoot(caller: string, specs: AnyUpstreamSpec[]): DynamicModule {
    const signer: Provider = {
      provide: ServiceTokenSigner,
      inject: [ConfigService],
      useFactory: (config: Env) =>
        new ServiceTokenSigner(config.get('INTERNAL_TOKEN_SECRET'), caller),
    };
    const providers: Provider[] = specs.map((spec) => ({
      provide: upstreamToken(spec),
      inject: [ConfigService, ServiceTokenSigner],
      useFactory: (config: Env, tokens: ServiceTokenSigner) =>
        new Upstream(spec, {
          target: config.get(spec.targetEnv),
          deadlineMs: config.get('GRPC_DEADLINE_MS'),
          breaker: breakerOptionsFrom(config),
          credential: () => tokens.current(),
        }),
    }));
    const tokens = specs.map(upstreamToken);
    return {
      module: UpstreamModule,
      global: true,
      providers: [
        signer,
        ...providers,
        {
          provide: ALL_UPSTREAMS,
          inject: tokens,
          useFactory: (...all: Upstream<never>[]) => all,
        },
      ],
      exports: tokens,
    };
  }

  onApplicationShutdown(): void {
    for (const upstream of this.upstreams) {
      upstream.close();
    }
  }
}
