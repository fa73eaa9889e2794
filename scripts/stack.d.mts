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
  /** Extra environment for every process of the profile. */
  env?: Record<string, string | number>;
}
export interface ProcessSpec {
  name: string;
  script?: string;
  /** A binary to run instead of a Node script (e.g. FerretDB, Toxiproxy), with its args. */
  command?: string;
  args?: string[];
  env?: Record<string, string | number>;
  ports?: number[];
  readyUrl: string;
}
export type ProfileName = 'dev' | 'test' | 'fault' | 'bench';
/** Extra env by service ("gateway", "user", "activity") or process name ("user-1"). */
export type EnvOverrides = Record<string, Record<string, string | number>>;
export const ROOT: string;
export const PROFILES: Record<ProfileName, Profile>;
export function dataDir(profile: ProfileName): string;
export function stackEnv(profile: ProfileName): Record<string, string>;
export function processes(profile: ProfileName, overrides?: EnvOverrides): ProcessSpec[];
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
export function resetData(profile: ProfileName): Promise<void>;
export function up(
  profile?: ProfileName,
  options?: { env?: EnvOverrides; prepare?: () => Promise<void>; fresh?: boolean },
): Promise<{ seconds: number }>;
export function down(profile?: ProfileName, options?: { quiet?: boolean }): Promise<void>;
export function rebuildLeaderboards(profile: ProfileName): void;
