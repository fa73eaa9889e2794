import {
  SetMetadata,
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiNoAuth } from '../http/api-docs.js';

export const IS_PUBLIC = 'auth:isPublic';

/**
 * Routes reachable without a token (register, login, probes, docs, metrics). The OpenAPI document
 * says so from the same marker (`security: []`); every other route requires the bearer token.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiNoAuth());

export interface AuthenticatedRequest extends FastifyRequest {
  userId?: string;
}

/** The id of the user the bearer token belongs to. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.userId as string;
});
