// Who may dispute parcels of a carrier's statement (contracts.md §3), as plain data (no NestJS) so it is
// unit-tested directly: a carrier user bound to that carrier, or an admin. A carrier's API key is its
// systems, not a person; a viewer changes nothing.
import type { Principal } from '../auth';

/** Why `principal` may not dispute on `carrierCode`'s statement; null when it may. */
export function disputeRefusal(principal: Principal, carrierCode: string): string | null {
  if (principal.kind === 'admin') return null;
  if (principal.kind === 'viewer') return 'viewers can read but not dispute; a carrier user or an admin disputes a parcel';
  // A carrier user's session carries its user id; a carrier's API key has none.
  const userId = (principal as { userId?: number }).userId;
  if (userId === undefined) return "a carrier's API key cannot dispute: sign in as a carrier user of that carrier";
  if (principal.carrierCode !== carrierCode) return `this user is bound to carrier '${principal.carrierCode}', not '${carrierCode}'`;
  return null;
}
