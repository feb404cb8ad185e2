import { FactEvent } from '../shipment-facts';
import { deriveExceptionFacts, exceptionCategoryOf, lateReasonOf } from './exception-facts';

const H = 3_600_000;
const at = (hours: number, milestone: FactEvent['milestone'], reason?: string): FactEvent => ({ milestone, occurredAtMs: hours * H, reason: reason ?? null });

describe('exceptionCategoryOf', () => {
  it.each([
    [{ milestone: 'LOST' as const }, 'lost'],
    [{ milestone: 'DESTROYED' as const, reason: 'CUSTOMS' }, 'destroyed'],
    [{ milestone: 'RETURN_IN_TRANSIT' as const }, 'returned'],
    [{ milestone: 'RETURNED' as const }, 'returned'],
    [{ milestone: 'EXCEPTION' as const, reason: 'DAMAGED_PARCEL' }, 'damaged'],
    [{ milestone: 'EXCEPTION' as const, reason: 'incorrect address' }, 'address'],
    [{ milestone: 'EXCEPTION' as const, reason: 'REFUSED' }, 'refused'],
    [{ milestone: 'EXCEPTION' as const, reason: 'DOCUMENTS_REQUIRED' }, 'customs'],
    [{ milestone: 'EXCEPTION' as const, reason: 'WEATHER' }, 'weather'],
    [{ milestone: 'EXCEPTION' as const, reason: 'MISSORT' }, 'delay'],
    [{ milestone: 'EXCEPTION' as const, reason: null }, 'other'],
    [{ milestone: 'EXCEPTION' as const, reason: 'SOMETHING_ELSE' }, 'other'],
  ])('%j is %s', (event, category) => {
    expect(exceptionCategoryOf(event)).toBe(category);
  });

  it('a failed attempt or a plain scan is not an exception', () => {
    expect(exceptionCategoryOf({ milestone: 'DELIVERY_FAILED', reason: 'RECIPIENT_ABSENT' })).toBeNull();
    expect(exceptionCategoryOf({ milestone: 'TRANSIT_HUB' })).toBeNull();
    expect(exceptionCategoryOf({ milestone: null, reason: 'DAMAGED' })).toBeNull();
  });
});

describe('deriveExceptionFacts', () => {
  it('takes the most severe category and the earliest exception instant', () => {
    const facts = deriveExceptionFacts({ events: [at(1, 'ACCEPTED'), at(5, 'EXCEPTION', 'WEATHER'), at(9, 'EXCEPTION', 'DAMAGED'), at(12, 'TRANSIT_HUB')], closedAtMs: null });
    expect(facts).toMatchObject({ exceptionAt: 5 * H, exceptionCategory: 'damaged', exceptionOpen: false, failedAttempts: 0, failureReason: null, lastMappedAt: 12 * H });
  });

  it('an exception is open while it is the latest physical event of an open leg', () => {
    const events = [at(1, 'ACCEPTED'), at(5, 'EXCEPTION', 'ADDRESS'), at(6, 'INFO_RECEIVED')];
    expect(deriveExceptionFacts({ events, closedAtMs: null }).exceptionOpen).toBe(true);
    expect(deriveExceptionFacts({ events, closedAtMs: 7 * H }).exceptionOpen).toBe(false);
  });

  it('counts failed attempts once per instant and keeps the first one’s reason, upper-cased', () => {
    const facts = deriveExceptionFacts({
      events: [at(30, 'DELIVERY_FAILED', 'business_closed'), at(10, 'DELIVERY_FAILED', ' recipient_absent '), at(10, 'DELIVERY_FAILED', 'recipient_absent'), at(40, 'DELIVERED')],
      closedAtMs: 40 * H,
    });
    expect(facts.failedAttempts).toBe(2);
    expect(facts.failureReason).toBe('RECIPIENT_ABSENT');
  });

  it('a failed attempt without a reason leaves the reason empty', () => {
    expect(deriveExceptionFacts({ events: [at(1, 'DELIVERY_FAILED')], closedAtMs: null }).failureReason).toBeNull();
  });

  it('unmapped events count for nothing', () => {
    expect(deriveExceptionFacts({ events: [at(1, null, 'DAMAGED')], closedAtMs: null })).toMatchObject({ exceptionAt: null, lastMappedAt: null, failedAttempts: 0 });
  });
});

describe('lateReasonOf', () => {
  it('an exception before the delivery explains it first', () => {
    expect(lateReasonOf({ events: [at(1, 'DELIVERY_FAILED', 'RECIPIENT_ABSENT'), at(2, 'EXCEPTION', 'WEATHER'), at(3, 'DELIVERED')], deliveredAtMs: 3 * H })).toBe('exception:weather');
  });

  it('then the first failed attempt’s reason', () => {
    expect(lateReasonOf({ events: [at(1, 'IMPORT_CUSTOMS_HELD'), at(2, 'DELIVERY_FAILED', 'recipient_absent'), at(3, 'DELIVERED')], deliveredAtMs: 3 * H })).toBe(
      'failed_attempt:RECIPIENT_ABSENT',
    );
    expect(lateReasonOf({ events: [at(2, 'DELIVERY_FAILED'), at(3, 'DELIVERED')], deliveredAtMs: 3 * H })).toBe('failed_attempt:UNKNOWN');
  });

  it('then a customs hold, else no recorded cause; events after the delivery do not count', () => {
    expect(lateReasonOf({ events: [at(1, 'EXPORT_CUSTOMS_HELD'), at(3, 'DELIVERED')], deliveredAtMs: 3 * H })).toBe('customs_hold');
    expect(lateReasonOf({ events: [at(1, 'ACCEPTED'), at(3, 'DELIVERED'), at(4, 'EXCEPTION', 'DAMAGED')], deliveredAtMs: 3 * H })).toBe('no_recorded_cause');
  });
});
