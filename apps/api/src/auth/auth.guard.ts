import { LanewatchConfig } from '@lanewatch/config';
import { carrierForKeyHash } from '@lanewatch/db';
import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { secretsEqual, sha256Hex } from '../carriers/carrier-credentials';
import { CLOCK, Clock, CONFIG, DATA_SOURCE } from '../infrastructure/tokens';
import { Access, ACCESS_KEY, AuthenticatedRequest, Principal } from './principal';

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
    if (!access) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request.headers.authorization);
    if (!principal) throw new UnauthorizedException('a valid Authorization: Bearer <API key or admin token> header is required');
    if (access === 'admin' && principal.kind !== 'admin') throw new ForbiddenException('this endpoint needs the admin token');
    request.principal = principal;
    return true;
  }

  private async authenticate(header: string | string[] | undefined): Promise<Principal | null> {
    const value = Array.isArray(header) ? header[0] : header;
    const match = /^Bearer\s+(\S{1,512})$/i.exec(value ?? '');
    if (!match) return null;
    const token = match[1];
    if (secretsEqual(token, this.config.adminToken)) return { kind: 'admin' };
    // Keys are looked up by their hash: the stored value never equals what the client sent.
    const carrier = await carrierForKeyHash(this.dataSource, sha256Hex(token), this.clock.now());
    return carrier ? { kind: 'carrier', carrierId: carrier.id, carrierCode: carrier.code } : null;
  }
}
