import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InvalidTokenError,
  JwtCodec,
  PermissionDeniedError,
  UnauthenticatedError,
} from '@fitness/common';
import { IS_PUBLIC, type AuthenticatedRequest } from './auth.decorators.js';

/**
 * Every route needs `Authorization: Bearer <token>` unless marked @Public(). A route with a
 * `:user_id` parameter is only for that user: anyone else gets 403.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JwtCodec) private readonly jwt: JwtCodec,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') {
      return true;
    }
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([^\s]+)$/i.exec(header.trim()) : null;
    if (!match) {
      throw new UnauthenticatedError('missing bearer token: send Authorization: Bearer <token>');
    }
    try {
      request.userId = this.jwt.verify(match[1]).userId;
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        throw new UnauthenticatedError(err.message);
      }
      throw err;
    }
    const params = request.params as Record<string, string | undefined> | undefined;
    const target = params?.user_id;
    if (target !== undefined && target !== request.userId) {
      throw new PermissionDeniedError("you can only access your own user's resources");
    }
    return true;
  }
}
