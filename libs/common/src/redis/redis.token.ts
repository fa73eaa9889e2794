/** Injection token of the process's shared ioredis client (RedisModule). */
export const REDIS = Symbol('REDIS');
