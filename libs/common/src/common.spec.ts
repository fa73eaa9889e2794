import { describe, expect, it } from '@jest/globals';
import { ConfigService } from '@nestjs/config';
import { IsInt, IsString } from 'class-validator';
import { BaseEnv, envValidator, withGrpcServerPorts } from './config.js';
import { serviceConfig } from './grpc/client.js';
import { USER_PROTO } from './grpc/proto.js';
import { GrpcHealthController, HealthController, READINESS, type Readiness } from './health.js';
import { MetricsController } from './metrics.js';
import { round2 } from './round.js';
import { databaseOptions, grpcServiceModule } from './service-module.js';

class SampleEnv {
  @IsInt()
  PORT: number = 1;

  @IsString()
  SECRET: string;
}

describe('round2', () => {
  it('should round to two decimals, never to whole units', () => {
    expect(round2(0.326666)).toBe(0.33);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(0.004)).toBe(0);
    expect(round2(2)).toBe(2);
  });
});

describe('envValidator', () => {
  const validate = envValidator(SampleEnv);

  it('should convert numbers and keep defaults', () => {
    expect(validate({ PORT: '8080', SECRET: 's' })).toMatchObject({ PORT: 8080, SECRET: 's' });
    expect(validate({ SECRET: 's' }).PORT).toBe(1);
  });

  it('should name every bad variable without echoing its value', () => {
    expect(() => validate({ PORT: 'abc' })).toThrow(/PORT[\s\S]*SECRET/);
    expect(() => validate({ PORT: 'hunter2', SECRET: 's' })).not.toThrow(/hunter2/);
  });
});

describe('withGrpcServerPorts', () => {
  const validate = envValidator(withGrpcServerPorts(BaseEnv, { GRPC_PORT: 5, METRICS_PORT: 6 }));
  const secret = 'a-long-and-unpublished-secret-for-the-test-only-0123456789';

  it("should keep the service's default ports and check the given ones", () => {
    const env = { INTERNAL_TOKEN_SECRET: secret, REDIS_URL: 'redis://r' };
    expect(validate(env)).toMatchObject({ GRPC_PORT: 5, METRICS_PORT: 6 });
    expect(validate({ ...env, GRPC_PORT: '7' }).GRPC_PORT).toBe(7);
    expect(() => validate({ ...env, METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});

describe('serviceConfig', () => {
  it('should balance round_robin and retry only the idempotent methods', () => {
    const config = JSON.parse(serviceConfig(USER_PROTO, ['GetUser'])) as {
      loadBalancingConfig: unknown[];
      methodConfig: { name: { service: string; method: string }[]; retryPolicy: unknown }[];
    };
    expect(config.loadBalancingConfig).toEqual([{ round_robin: {} }]);
    expect(config.methodConfig[0]?.name).toEqual([
      { service: 'fitness.user.v1.UserService', method: 'GetUser' },
    ]);
    expect(config.methodConfig[0]?.retryPolicy).toMatchObject({
      retryableStatusCodes: ['UNAVAILABLE'],
    });
  });
});

describe('grpcServiceModule', () => {
  class SampleReadiness implements Readiness {
    check(): Promise<unknown> {
      return Promise.resolve({});
    }
  }
  class FeatureModule {}
  /** Nothing required: ConfigModule.forRoot checks the test process's environment at once. */
  class NoEnv {}

  it('should add the probes and the readiness to the foundation and the given imports', () => {
    const metadata = grpcServiceModule(NoEnv, SampleReadiness, [FeatureModule]);
    expect(metadata.imports?.at(-1)).toBe(FeatureModule);
    expect(metadata.controllers).toEqual([
      HealthController,
      GrpcHealthController,
      MetricsController,
    ]);
    expect(metadata.providers).toEqual([{ provide: READINESS, useClass: SampleReadiness }]);
  });
});

describe('databaseOptions', () => {
  it('should build the connection options from the environment and retry at start-up', () => {
    const options = databaseOptions((config: ConfigService<{ DB_URL: string }, true>) => ({
      url: config.get('DB_URL', { infer: true }),
    }));
    const config = new ConfigService<{ DB_URL: string }, true>({ DB_URL: 'postgres://db/app' });
    expect(options.inject).toEqual([ConfigService]);
    expect(options.useFactory(config)).toEqual({
      url: 'postgres://db/app',
      retryAttempts: 20,
      retryDelay: 1000,
    });
  });
});
