import { createUserAccount, findCarrierByCode, findUserById, listUsers, revokeSessionsOfUser, unknownCarrierProblem, updateUser } from '@lanewatch/db';
import { carrierBindingProblem, parseUserCreation, parseUserUpdate, UserRole } from '@lanewatch/domain';
import { hashPassword } from '@lanewatch/crypto';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CLOCK, Clock, DATA_SOURCE } from '../infrastructure';
import { toUserView } from './user-accounts';

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
    const created = await createUserAccount(this.dataSource, parsed.value);
    if (!created.ok) {
      if (created.problem.startsWith('a user with email')) throw new ConflictException(created.problem);
      throw new BadRequestException({ message: 'invalid user', errors: [created.problem] });
    }
    return toUserView(created.user);
  }

  /**
   * Disabling a user or setting a new password ends their sessions at once. A change of role or
   * carrier binding applies on the user's next request (the guard reads both every time). Leaving
   * the carrier role unbinds; a user made a carrier user must name its carrier.
   */
  async update(idParam: string, body: unknown) {
    const id = /^[1-9][0-9]{0,9}$/.test(idParam) ? Number(idParam) : NaN;
    if (!(id <= MAX_INT)) throw new NotFoundException(`no user '${idParam}'`);
    const parsed = parseUserUpdate(body);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid user change', errors: parsed.errors });
    const { name, role, disabled, password, carrier } = parsed.value;
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const now = this.clock.now();
    const user = await this.dataSource.transaction(async (manager) => {
      const existing = await findUserById(manager, id);
      if (!existing) return null;
      const carrierId = await this.carrierIdOfChange(manager, existing.role, existing.carrier_code, role, carrier);
      const updated = await updateUser(manager, id, {
        displayName: name,
        role,
        passwordHash,
        disabledAt: disabled === undefined ? undefined : disabled ? now : null,
        carrierId,
      });
      if (updated && (disabled === true || passwordHash !== undefined)) await revokeSessionsOfUser(manager, id, now);
      return updated;
    });
    if (!user) throw new NotFoundException(`no user '${idParam}'`);
    return toUserView(user);
  }

  /** The carrier binding a change leaves (undefined: unchanged), or a 400 when role and carrier would not fit. */
  private async carrierIdOfChange(
    runner: DataSource['manager'],
    currentRole: UserRole,
    currentCarrier: string | null,
    role: UserRole | undefined,
    carrier: string | null | undefined,
  ): Promise<number | null | undefined> {
    const finalRole = role ?? currentRole;
    const finalCarrier = carrier === undefined ? (finalRole === 'carrier' ? currentCarrier : null) : carrier;
    const problem = carrierBindingProblem(finalRole, finalCarrier);
    if (problem) throw new BadRequestException({ message: 'invalid user change', errors: [problem] });
    if (finalCarrier === null) return currentCarrier === null ? undefined : null;
    if (finalCarrier === currentCarrier) return undefined;
    const found = await findCarrierByCode(runner, finalCarrier);
    if (!found) throw new BadRequestException({ message: 'invalid user change', errors: [unknownCarrierProblem(finalCarrier)] });
    return found.id;
  }
}
