import { ForbiddenException } from '@nestjs/common';
import { carrierCallerName } from './access.util';
import type { Principal } from './principal';

/**
 * A carrier key or carrier user reads (and a key writes) only its own carrier's data (spec README,
 * non-negotiable 4; contracts.md §3).
 */
export function assertOwnCarrier(principal: Principal, carrierCode: string): void {
  if (principal.kind === 'carrier' && principal.carrierCode !== carrierCode) {
    throw new ForbiddenException(`${carrierCallerName(principal)} carrier '${principal.carrierCode}', not '${carrierCode}'`);
  }
}

/** Reads that span every carrier (pipeline counters, the registry, whole journeys) are for admins and viewers. */
export function assertReadsAllCarriers(principal: Principal): void {
  if (principal.kind === 'carrier') {
    throw new ForbiddenException(`${carrierCallerName(principal)} carrier '${principal.carrierCode}'; this endpoint spans every carrier and is open to admins and viewers only`);
  }
}
