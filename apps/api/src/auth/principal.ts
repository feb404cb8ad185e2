import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Access, Principal } from './access.util';

export type { Access, Principal } from './access.util';

export const ACCESS_KEY = 'lanewatch:access';

/** Who may call a route (see Access), also shown in the OpenAPI document as `x-lanewatch-access`. Every route declares one. */
export const RequireAccess = (access: Access) => applyDecorators(SetMetadata(ACCESS_KEY, access), ApiExtension('x-lanewatch-access', access));

/** The user session a request was authenticated with, if it was one. */
export interface SessionContext {
  id: string;
  expiresAt: Date;
}

export interface AuthenticatedRequest {
  principal?: Principal;
  session?: SessionContext;
  headers: Record<string, string | string[] | undefined>;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('route reached without a principal: missing @RequireAccess');
  return request.principal;
});

/** The caller of an `optional` route: undefined when no token was sent. */
export const OptionalPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
});

export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): SessionContext | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().session;
});
