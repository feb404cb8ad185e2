import type { Principal } from '../auth';
import { disputeRefusal } from './dispute-access.util';

// A carrier user's session is a carrier principal with its user id (contracts.md §3); a carrier's API key has none.
const carrierUser = (carrierCode: string) => ({ kind: 'carrier', carrierId: 7, carrierCode, userId: 42 }) as unknown as Principal;

describe('who may dispute a statement parcel', () => {
  it('lets a carrier user dispute its own carrier, and an admin any carrier', () => {
    expect(disputeRefusal(carrierUser('correios'), 'correios')).toBeNull();
    expect(disputeRefusal({ kind: 'admin' }, 'correios')).toBeNull();
    expect(disputeRefusal({ kind: 'admin', userId: 3 }, 'correios')).toBeNull();
  });

  it("refuses a carrier user of another carrier, a carrier's API key and a viewer", () => {
    expect(disputeRefusal(carrierUser('laposte'), 'correios')).toBe("this user is bound to carrier 'laposte', not 'correios'");
    expect(disputeRefusal({ kind: 'carrier', carrierId: 7, carrierCode: 'correios' }, 'correios')).toBe("a carrier's API key cannot dispute: sign in as a carrier user of that carrier");
    expect(disputeRefusal({ kind: 'viewer', userId: 5 }, 'correios')).toBe('viewers can read but not dispute; a carrier user or an admin disputes a parcel');
  });
});
