import { LanewatchConfig } from '@lanewatch/config';
import { activeSessionByTokenHash, carrierForKeyHash, extendSession, SessionUserRow } from '@lanewatch/db';
import { renewedSessionExpiry } from '@lanewatch/domain';
import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { SESSION_TOKEN_PREFIX, secretsEqual, sha256Hex } from '@lanewatch/crypto';
import { CLOCK, Clock, CONFIG, DATA_SOURCE } from '../infrastructure';
import { bearerToken, deniedReason } from './access.util';
import { Access, ACCESS_KEY, AuthenticatedRequest, Principal, SessionContext } from './principal';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    // Guarded by default: the API refuses to start with such a route, and would refuse the call.
    if (!access) throw new ForbiddenException('this route declares no access');
    if (access === 'public' || access === 'signed') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (access === 'optional' && request.headers.authorization === undefined) return true;
    // Checked before anything touches PostgreSQL: Prometheus must still scrape while it is down.
    if (access === 'metrics' && this.isMetricsToken(request.headers.authorization)) return true;
    // An optional route (health) must still answer while PostgreSQL, which holds the sessions, is down: as to anyone.
    const authenticated = await this.authenticate(request.headers.authorization).catch((error: unknown) => {
      if (access === 'optional') return undefined;
      throw error;
    });
    if (authenticated === undefined) return true;
    if (!authenticated) {
      throw new UnauthorizedException('a valid Authorization: Bearer <session token, API key or admin token> header is required');
    }
    const { principal, session } = authenticated;
    const denied = deniedReason(access, principal);
    if (denied) throw new ForbiddenException(denied);
    request.principal = principal;
    request.session = session;
    return true;
  }

  private isMetricsToken(header: string | string[] | undefined): boolean {
    const token = bearerToken(header);
    return token !== null && this.config.metricsToken !== undefined && secretsEqual(token, this.config.metricsToken);
  }

  private async authenticate(header: string | string[] | undefined): Promise<{ principal: Principal; session?: SessionContext } | null> {
    const token = bearerToken(header);
    if (!token) return null;
    if (secretsEqual(token, this.config.adminToken)) return { principal: { kind: 'admin' } };
    // Sessions and keys are looked up by their hash: the stored value never equals what the client sent.
    if (token.startsWith(SESSION_TOKEN_PREFIX)) return this.authenticateSession(token);
    const carrier = await carrierForKeyHash(this.dataSource, sha256Hex(token), this.clock.now());
    return carrier ? { principal: { kind: 'carrier', carrierId: carrier.id, carrierCode: carrier.code } } : null;
  }

  /** A revoked or expired session, or one of a disabled user, is no session at all. */
  private async authenticateSession(token: string): Promise<{ principal: Principal; session: SessionContext } | null> {
    const now = this.clock.now();
    const found = await activeSessionByTokenHash(this.dataSource, sha256Hex(token), now);
    if (!found) return null;
    let expiresAt = found.expires_at;
    const renewed = renewedSessionExpiry({ now, lastSeenAt: found.last_seen_at, ttlMs: this.config.sessionTtlHours * 3_600_000 });
    if (renewed) {
      await extendSession(this.dataSource, found.session_id, now, renewed);
      expiresAt = renewed > expiresAt ? renewed : expiresAt;
    }
    const principal = principalOfUser(found);
    if (!principal) return null;
    return { principal, session: { id: found.session_id, expiresAt } };
  }
}

/** A user's principal: a carrier user is a carrier caller bound to its carrier; null when that binding is broken. */
function principalOfUser(found: SessionUserRow): Principal | null {
  if (found.role === 'admin') return { kind: 'admin', userId: found.user_id };
  if (found.role === 'viewer') return { kind: 'viewer', userId: found.user_id };
  if (found.carrier_id === null || found.carrier_code === null) return null;
  return { kind: 'carrier', carrierId: found.carrier_id, carrierCode: found.carrier_code, userId: found.user_id };
}
