import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export type Principal = { kind: 'admin' } | { kind: 'carrier'; carrierId: number; carrierCode: string };

export type Access = 'admin' | 'admin-or-carrier';
export const ACCESS_KEY = 'lanewatch:access';

/** Who may call a route; routes without it are public (health, docs). */
export const RequireAccess = (access: Access) => SetMetadata(ACCESS_KEY, access);

export interface AuthenticatedRequest {
  principal?: Principal;
  headers: Record<string, string | string[] | undefined>;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('route reached without a principal: missing @RequireAccess');
  return request.principal;
});
