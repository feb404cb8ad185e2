import { ForbiddenException } from '@nestjs/common';
import type { Principal } from './principal';

/** A carrier key reads and writes only its own carrier's data (spec README, non-negotiable 4). */
export function assertOwnCarrier(principal: Principal, carrierCode: string): void {
  if (principal.kind === 'carrier' && principal.carrierCode !== carrierCode) {
    throw new ForbiddenException(`this API key belongs to carrier '${principal.carrierCode}', not '${carrierCode}'`);
  }
}
