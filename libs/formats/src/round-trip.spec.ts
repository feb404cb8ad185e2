import { MILESTONES, NormalizedEvent, validateEvent } from '@lanewatch/domain';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { CanonicalEventInput } from './adapter.types';
import { FORMAT_DEFINITIONS, FormatName } from './formats.registry';
import { context } from './testing/fixture.util';
import { RenderableEvent, renderAfterShip, renderCainiao, renderEasyPost, renderSeventeenTrack, renderUpu } from './testing/renderers';
import { eventIdentity } from '@lanewatch/crypto';

// Property: any canonical feed a format can express, rendered into that format and read back by
// its adapter, gives the same stored events (identity, milestone, instant, offset, location).
interface FormatCase {
  format: FormatName;
  render: (trackingNumber: string, events: RenderableEvent[]) => unknown;
  /** 'always': every event of the format names it (a UPU event always has its office). */
  location: { city: boolean; facility: boolean | 'always'; country: boolean };
  /** EasyPost writes UTC only: the offset is not carried. */
  keepsOffset: boolean;
  /** Codes whose milestone the payload decides (EMF) are left to their own specs. */
  skip?: string[];
}

const CASES: FormatCase[] = [
  { format: 'aftership', render: renderAfterShip, location: { city: true, facility: true, country: true }, keepsOffset: true },
  { format: '17track', render: renderSeventeenTrack, location: { city: true, facility: true, country: true }, keepsOffset: true },
  { format: 'easypost', render: renderEasyPost, location: { city: true, facility: false, country: true }, keepsOffset: false, skip: ['transferred_to_destination_carrier'] },
  { format: 'upu', render: renderUpu, location: { city: false, facility: 'always', country: true }, keepsOffset: true, skip: ['EMF'] },
  { format: 'cainiao', render: renderCainiao, location: { city: false, facility: false, country: false }, keepsOffset: true, skip: ['GTMS_ACCEPT'] },
];

const COUNTRIES = ['BR', 'CN', 'US', 'DE', 'IN', 'NP', 'AU', 'GB'];
const OFFSETS = [-600, -300, -180, 0, 60, 330, 345, 480, 570, 765];
const label = fc.stringMatching(/^[A-Z][A-Za-z ]{0,15}[a-z]$/);

const eventArbitrary = (spec: FormatCase, codes: string[]) =>
  fc.record({
    code: fc.constantFrom(...codes),
    epochMs: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 10, 1) }).map((ms) => Math.floor(ms / 1000) * 1000),
    offset: fc.constantFrom(...OFFSETS),
    country: spec.location.country ? fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }) : fc.constant(undefined),
    city: spec.location.city ? fc.option(label, { nil: undefined }) : fc.constant(undefined),
    facility: spec.location.facility === 'always' ? label : spec.location.facility ? fc.option(label, { nil: undefined }) : fc.constant(undefined),
  }).map(({ code, epochMs, offset, country, city, facility }): RenderableEvent => ({
    code,
    occurredAt: DateTime.fromMillis(epochMs, { zone: offset === 0 ? 'utc' : `UTC${offset > 0 ? '+' : '-'}${Math.floor(Math.abs(offset) / 60)}:${String(Math.abs(offset) % 60).padStart(2, '0')}` }).toISO({ suppressMilliseconds: true }) as string,
    country,
    city,
    facility,
  }));

function stored(event: CanonicalEventInput, codeMap: Readonly<Record<string, string>>, keepsOffset: boolean) {
  const result = validateEvent(event, { receivedAt: new Date('2026-11-20T00:00:00Z'), keyCarrier: 'carrier', isKnownCarrier: () => true, identityOf: eventIdentity });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const normalized: NormalizedEvent = result.event;
  return {
    identity: normalized.identity,
    milestone: normalized.milestone ?? (normalized.code ? (codeMap[normalized.code] ?? null) : null),
    occurredAt: normalized.occurredAt,
    offsetMinutes: keepsOffset ? normalized.offsetMinutes : null,
    location: normalized.location,
  };
}

describe.each(CASES)('$format round trip', (spec) => {
  const definition = FORMAT_DEFINITIONS[spec.format];
  // An acceptance scan after the parcel moved is a facility scan (formats.md): its milestone depends on
  // the events around it, so ACCEPTED codes are left to the adapters' own specs, as EMF is.
  const codes = Object.keys(definition.codeMap).filter((code) => !(spec.skip ?? []).includes(code) && definition.codeMap[code] !== 'ACCEPTED');

  it('renders any canonical feed into the format and reads back the same stored events', () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary(spec, codes), { minLength: 1, maxLength: 12 }), (events) => {
        const trackingNumber = 'RT000000001XX';
        const adapted = definition.adapt(spec.render(trackingNumber, events), context);
        expect(adapted.rejected).toEqual([]);
        const expected = events.map((event) =>
          stored(
            {
              trackingNumber,
              code: event.code,
              occurredAt: event.occurredAt,
              location: { country: event.country, city: event.city, facility: event.facility },
            },
            definition.codeMap,
            spec.keepsOffset,
          ),
        );
        const actual = adapted.events.map(({ event }) => stored(event, definition.codeMap, spec.keepsOffset));
        expect(actual).toEqual(expected);
        expect(expected.every((event) => event.milestone === null || (MILESTONES as readonly string[]).includes(event.milestone))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
