// Types of scripts/stack.mjs for the TypeScript tests that drive it.
export interface InstancePorts {
  grpc: number;
  http: number;
}
export interface Profile {
  gateway: number[];
  user: InstancePorts[];
  activity: InstancePorts[];
  mongoPort: number;
  database: string;
  redisDb: number;
}
export interface ProcessSpec {
  name: string;
  script?: string;
  env?: Record<string, string | number>;
  ports?: number[];
  readyUrl: string;
}
export type ProfileName = 'dev' | 'test';
export const ROOT: string;
export const PROFILES: Record<ProfileName, Profile>;
export function dataDir(profile: ProfileName): string;
export function stackEnv(profile: ProfileName): Record<string, string>;
export function processes(profile: ProfileName): ProcessSpec[];
export function startProcess(profile: ProfileName, spec: ProcessSpec): number;
export function stopProcess(
  profile: ProfileName,
  name: string,
  signal?: NodeJS.Signals,
): Promise<void>;
export function waitReady(
  profile: ProfileName,
  spec: ProcessSpec,
  timeoutMs?: number,
): Promise<void>;
export function up(profile?: ProfileName): Promise<{ seconds: number }>;
export function down(profile?: ProfileName, options?: { quiet?: boolean }): Promise<void>;
