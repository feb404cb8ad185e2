import { isStatementMonth, parseInstantWithOffset, storageProblems } from '@lanewatch/domain';
import { BadRequestException, ForbiddenException } from '@nestjs/common';
import type { Principal } from '../auth/principal';

export const MAX_NOTE_LENGTH = 2000;

/** The month of a statement path: YYYY-MM. */
export function statementMonth(month: string): string {
  if (!isStatementMonth(month)) throw new BadRequestException({ message: 'invalid month', errors: [`month must be YYYY-MM such as 2026-11, got '${month}'`] });
  return month;
}

/** `?asOf=` with a UTC offset, default now. */
export function asOfOf(query: Record<string, unknown>, now: Date): Date {
  const raw = query.asOf;
  if (raw === undefined || raw === '') return now;
  if (typeof raw !== 'string') throw new BadRequestException({ message: 'invalid asOf', errors: ['asOf must be given once'] });
  const parsed = parseInstantWithOffset('asOf', raw);
  if (!parsed.ok) throw new BadRequestException({ message: 'invalid asOf', errors: [parsed.error] });
  return new Date(parsed.value.epochMs);
}

/** A required, storable text field of 1-2000 characters (a dispute's reason, a decision's note). */
export function requiredText(body: Record<string, unknown>, field: string, what: string, message: string): string {
  const raw = body[field];
  if (typeof raw !== 'string' || raw.trim() === '') throw new BadRequestException({ message, errors: [`${field} is required: ${what}`] });
  if (raw.length > MAX_NOTE_LENGTH) throw new BadRequestException({ message, errors: [`${field} must be at most ${MAX_NOTE_LENGTH} characters`] });
  const unstorable = storageProblems({ [field]: raw }, '');
  if (unstorable.length > 0) throw new BadRequestException({ message, errors: unstorable });
  return raw.trim();
}

/**
 * Who may dispute parcels of a carrier's statement (contracts.md §3): a carrier user bound to that
 * carrier, or an admin. A carrier's API key is its systems, not a person; a viewer changes nothing.
 */
export function assertMayDispute(principal: Principal, carrierCode: string): void {
  if (principal.kind === 'admin') return;
  if (principal.kind === 'viewer') throw new ForbiddenException('viewers can read but not dispute; a carrier user or an admin disputes a parcel');
  const userId = 'userId' in principal ? (principal as { userId?: number }).userId : undefined;
  if (userId === undefined) throw new ForbiddenException("a carrier's API key cannot dispute: sign in as a carrier user of that carrier");
  if (principal.carrierCode !== carrierCode) throw new ForbiddenException(`this user is bound to carrier '${principal.carrierCode}', not '${carrierCode}'`);
}
