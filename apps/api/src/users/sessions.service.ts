import { LanewatchConfig } from '@lanewatch/config';
import { deleteEndedSessions, findUserByEmail, findUserById, insertSession, revokeSession, updateUser } from '@lanewatch/db';
import { parseLogin } from '@lanewatch/domain';
import { BadRequestException, ForbiddenException, Inject, Injectable, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal, SessionContext } from '../auth';
import { CLOCK, Clock, CONFIG, DATA_SOURCE } from '../infrastructure';
import { LoginRateLimiter } from './login-rate-limiter';
import { hashPassword, needsRehash, newSessionToken, passwordHashOfNobody, verifyPassword } from '@lanewatch/crypto';

// One message for an unknown email, a wrong password and a disabled user: none is told apart.
const INVALID_CREDENTIALS = 'email or password is incorrect';
const NOT_A_SESSION = 'this endpoint needs a user session (sign in with POST /api/v1/auth/login); the admin token and API keys are not sessions';

@Injectable()
export class SessionsService implements OnModuleInit {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rateLimiter: LoginRateLimiter,
  ) {}

  // Hashed at start, so not even the first sign-in with an unknown email takes longer than the others.
  async onModuleInit(): Promise<void> {
    await passwordHashOfNobody();
  }

  async login(body: unknown, clientAddress: string) {
    const parsed = parseLogin(body);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid sign-in', errors: parsed.errors });
    const { email, password } = parsed.value;
    await this.rateLimiter.consume(email, clientAddress);

    const user = await findUserByEmail(this.dataSource, email);
    // An unknown email is checked against a real hash too, so the answer takes as long either way.
    const matches = await verifyPassword(user?.password_hash ?? (await passwordHashOfNobody()), password);
    if (!user || !matches || user.disabled_at !== null) throw new UnauthorizedException(INVALID_CREDENTIALS);
    await this.rateLimiter.succeeded(email, clientAddress);
    if (needsRehash(user.password_hash)) await updateUser(this.dataSource, user.id, { passwordHash: await hashPassword(password) });

    const now = this.clock.now();
    const { token, tokenHash } = newSessionToken();
    await deleteEndedSessions(this.dataSource, user.id, now);
    const session = await insertSession(this.dataSource, {
      tokenHash,
      userId: user.id,
      now,
      expiresAt: new Date(now.getTime() + this.config.sessionTtlHours * 3_600_000),
    });
    return {
      token,
      expiresAt: session.expires_at.toISOString(),
      user: { id: user.id, email: user.email, name: user.display_name, role: user.role, carrier: user.carrier_code },
    };
  }

  async logout(session: SessionContext | undefined): Promise<void> {
    if (!session) throw new ForbiddenException(NOT_A_SESSION);
    await revokeSession(this.dataSource, session.id, this.clock.now());
  }

  async me(principal: Principal, session: SessionContext | undefined) {
    if (!session || principal.userId === undefined) throw new ForbiddenException(NOT_A_SESSION);
    const user = await findUserById(this.dataSource, principal.userId);
    // The guard has just seen the user enabled; gone since then is as good as signed out.
    if (!user) throw new UnauthorizedException('the session has ended');
    return {
      user: { id: user.id, email: user.email, name: user.display_name, role: user.role, carrier: user.carrier_code },
      expiresAt: session.expiresAt.toISOString(),
    };
  }
}
