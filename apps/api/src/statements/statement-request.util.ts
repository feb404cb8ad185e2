import { isStatementMonth, parseInstantWithOffset, storageProblems } from '@lanewatch/domain';
import { BadRequestException, ForbiddenException } from '@nestjs/common';
import type { Principal } from '../auth';
import { disputeRefusal } from './dispute-access.util';

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

/** Refuses (403) anyone but a carrier user of that carrier or an admin (dispute-access.util.ts). */
export function assertMayDispute(principal: Principal, carrierCode: string): void {
  const refusal = disputeRefusal(principal, carrierCode);
  if (refusal !== null) throw new ForbiddenException(refusal);
}
