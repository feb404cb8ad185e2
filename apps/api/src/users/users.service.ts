import { listUsers, revokeSessionsOfUser, updateUser } from '@lanewatch/db';
import { parseUserCreation, parseUserUpdate } from '@lanewatch/domain';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CLOCK, Clock, DATA_SOURCE } from '../infrastructure/tokens';
import { createUserAccount, toUserView } from './user-accounts';
import { hashPassword } from './user-credentials';

const MAX_INT = 2_147_483_647;

@Injectable()
export class UsersService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list() {
    return (await listUsers(this.dataSource)).map(toUserView);
  }

  async create(body: unknown) {
    const parsed = parseUserCreation(body);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid user', errors: parsed.errors });
    const user = await createUserAccount(this.dataSource, parsed.value);
    if (!user) throw new ConflictException(`a user with email '${parsed.value.email}' already exists`);
    return toUserView(user);
  }

  /** Disabling a user or setting a new password ends their sessions at once. */
  async update(idParam: string, body: unknown) {
    const id = /^[1-9][0-9]{0,9}$/.test(idParam) ? Number(idParam) : NaN;
    if (!(id <= MAX_INT)) throw new NotFoundException(`no user '${idParam}'`);
    const parsed = parseUserUpdate(body);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid user change', errors: parsed.errors });
    const { name, role, disabled, password } = parsed.value;
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const now = this.clock.now();
    const user = await this.dataSource.transaction(async (manager) => {
      const updated = await updateUser(manager, id, {
        displayName: name,
        role,
        passwordHash,
        disabledAt: disabled === undefined ? undefined : disabled ? now : null,
      });
      if (updated && (disabled === true || passwordHash !== undefined)) await revokeSessionsOfUser(manager, id, now);
      return updated;
    });
    if (!user) throw new NotFoundException(`no user '${idParam}'`);
    return toUserView(user);
  }
}
