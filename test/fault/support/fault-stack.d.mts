import type { EnvOverrides } from '../../../scripts/stack.mjs';

export const PROFILE: 'fault';
export const TOOLS_BIN: string;
export const TOXIPROXY_API: number;
export const PG_LISTENER: number;
export const REDIS_LISTENER: number;
export function envOverrides(): EnvOverrides;
