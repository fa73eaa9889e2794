// Types of scripts/internal-grpc.mjs for the TypeScript tests.
import type * as grpc from '@grpc/grpc-js';

export type InternalService = 'user' | 'activity';
export function serviceToken(secret: string, caller: string, expiresInMs?: number): string;
export function rawClient(service: InternalService, target: string): grpc.Client;
export function unary(
  client: grpc.Client,
  method: string,
  request: unknown,
  metadata?: grpc.Metadata,
  timeoutMs?: number,
): Promise<{ code: number; value?: unknown; details?: string }>;
export function credential(secret: string, caller?: string): grpc.Metadata;
export interface InternalClient {
  call<T = unknown>(method: string, request: unknown, timeoutMs?: number): Promise<T>;
  close(): void;
}
export function internalClient(
  service: InternalService,
  target: string,
  secret: string,
  caller?: string,
): InternalClient;
