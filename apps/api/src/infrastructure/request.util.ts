import { findUserById } from '@lanewatch/db';
import { isUuid as isUuidText } from '@lanewatch/domain';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth';

/** A path id that is not a UUID names nothing: 404 rather than a database error. */
export function assertUuid(id: string, what: string): void {
  if (!isUuidText(id)) throw new NotFoundException(`${what} '${id}' not found`);
}

/**
 * What `lookUp` finds for a path id (a row, or true for a delete that removed one), or 404 when the id
 * is not a UUID or nothing is found.
 */
export async function foundById<T>(id: string, what: string, lookUp: (id: string) => Promise<T | null | undefined | false>): Promise<T> {
  assertUuid(id, what);
  const found = await lookUp(id);
  if (found === null || found === undefined || found === false) throw new NotFoundException(`${what} '${id}' not found`);
  return found;
}

export function isUuid(value: unknown): value is string {
  return isUuidText(value);
}

/** Who did it, for acknowledgements and silences: a user's e-mail, or the admin token. */
export async function actorOf(dataSource: DataSource, principal: Principal): Promise<string> {
  if (principal.kind === 'carrier' && principal.userId === undefined) return `carrier:${principal.carrierCode}`;
  if (principal.userId === undefined) return 'admin-token';
  const user = await findUserById(dataSource, principal.userId);
  return user ? user.email : `user:${principal.userId}`;
}

export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestException({ message: 'the body must be a JSON object', errors: ['body must be an object'] });
  return body as Record<string, unknown>;
}
