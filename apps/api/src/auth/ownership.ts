import { ForbiddenException } from '@nestjs/common';
import type { Principal } from './principal';

/** A carrier key reads and writes only its own carrier's data (spec README, non-negotiable 4). */
export function assertOwnCarrier(principal: Principal, carrierCode: string): void {
  if (principal.kind === 'carrier' && principal.carrierCode !== carrierCode) {
    throw new ForbiddenException(`this API key belongs to carrier '${principal.carrierCode}', not '${carrierCode}'`);
  }
}

/** Reads that span every carrier (pipeline counters, the registry, whole journeys) are for admins and viewers. */
export function assertReadsAllCarriers(principal: Principal): void {
  if (principal.kind === 'carrier') {
    throw new ForbiddenException(`this API key belongs to carrier '${principal.carrierCode}'; this endpoint spans every carrier and is open to admins and viewers only`);
  }
}
