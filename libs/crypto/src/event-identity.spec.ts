import { EventValidationContext, IdentityInput, validateEvent } from '@lanewatch/domain';
import { eventIdentity } from './event-identity';

const identity = (overrides: Partial<IdentityInput> = {}): string =>
  eventIdentity({
    carrier: 'correios',
    trackingNumber: 'NL123456789BR',
    eventId: null,
    occurredAtMs: Date.UTC(2026, 10, 2, 11, 15),
    milestone: 'IMPORT_CUSTOMS_HELD',
    code: 'EME',
    location: { country: 'BR', city: 'Curitiba', facility: 'CEINT CURITIBA' },
    ...overrides,
  });

const context: EventValidationContext = {
  receivedAt: new Date('2026-11-03T00:00:00Z'),
  keyCarrier: 'correios',
  isKnownCarrier: () => true,
  identityOf: eventIdentity,
};
const identityOfPosted = (overrides: Record<string, unknown>): string => {
  const result = validateEvent(
    { trackingNumber: 'NL123456789BR', milestone: 'IMPORT_CUSTOMS_HELD', occurredAt: '2026-11-02T08:15:00-03:00', ...overrides },
    context,
  );
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.event.identity;
};

describe('eventIdentity', () => {
  it('is a hex SHA-256', () => {
    expect(identity()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same identity to the same instant written with different offsets', () => {
    const written = ['2026-11-02T08:15:00-03:00', '2026-11-02T11:15:00Z', '2026-11-02T12:15:00+01:00', '2026-11-02T16:45:00.000+05:30'];
    const identities = written.map((occurredAt) => identityOfPosted({ occurredAt }));
    expect(new Set(identities).size).toBe(1);
  });

  it('gives different identities to different instants', () => {
    expect(identityOfPosted({ occurredAt: '2026-11-02T08:15:00-03:00' })).not.toBe(identityOfPosted({ occurredAt: '2026-11-02T08:15:00Z' }));
    expect(identity({ occurredAtMs: Date.UTC(2026, 10, 2, 11, 15, 0, 1) })).not.toBe(identity());
  });

  it('compares the location case-insensitively after trimming', () => {
    expect(identity({ location: { country: 'br', city: '  CURITIBA ', facility: 'ceint curitiba  ' } })).toBe(identity());
  });

  it('treats an absent location part like an empty one', () => {
    expect(identity({ location: { country: 'BR', city: null, facility: null } })).toBe(
      identity({ location: { country: 'BR', city: '', facility: '  ' } }),
    );
  });

  it.each([
    ['country', { country: 'AR', city: 'Curitiba', facility: 'CEINT CURITIBA' }],
    ['city', { country: 'BR', city: 'Curitiba Norte', facility: 'CEINT CURITIBA' }],
    ['facility', { country: 'BR', city: 'Curitiba', facility: 'CTE CURITIBA' }],
  ])('gives different identities to events at a different %s', (_part, location) => {
    expect(identity({ location })).not.toBe(identity());
  });

  it('does not confuse location parts whose text runs into the next part', () => {
    const separator = '\u001f';
    expect(identity({ location: { country: 'BR', city: `Curitiba${separator}CEINT`, facility: 'CURITIBA' } })).not.toBe(
      identity({ location: { country: 'BR', city: 'Curitiba', facility: `CEINT${separator}CURITIBA` } }),
    );
  });

  it('uses only carrier and eventId when the event has an eventId', () => {
    const withId = identity({ eventId: 'evt-42' });
    expect(
      identity({
        eventId: 'evt-42',
        trackingNumber: 'OTHER12345',
        occurredAtMs: 0,
        milestone: 'DELIVERED',
        code: 'BDE',
        location: { country: 'PT', city: null, facility: null },
      }),
    ).toBe(withId);
    expect(identity({ eventId: 'evt-43' })).not.toBe(withId);
    expect(identity({ eventId: 'evt-42', carrier: 'cainiao' })).not.toBe(withId);
  });

  it('does not give an event with an eventId the identity of the same event without one', () => {
    expect(identity({ eventId: 'evt-42' })).not.toBe(identity());
  });

  it('gives different identities to different milestones', () => {
    expect(identity({ milestone: 'IMPORT_CUSTOMS_RELEASED' })).not.toBe(identity());
  });

  it('compares the milestone, not the code, when the event has a milestone', () => {
    expect(identity({ code: 'EME2' })).toBe(identity());
  });

  it('gives different identities to different codes when there is no milestone', () => {
    expect(identity({ milestone: null, code: 'EME' })).not.toBe(identity({ milestone: null, code: 'EMF' }));
  });

  it('does not confuse a code with a milestone spelt the same', () => {
    expect(identity({ milestone: null, code: 'DELIVERED' })).not.toBe(identity({ milestone: 'DELIVERED', code: null }));
  });

  it('gives different identities to different carriers', () => {
    expect(identity({ carrier: 'cainiao' })).not.toBe(identity());
  });

  it('gives different identities to different tracking numbers', () => {
    expect(identity({ trackingNumber: 'NL123456780BR' })).not.toBe(identity());
  });
});
