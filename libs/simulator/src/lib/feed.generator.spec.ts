import { resolveEventMilestone } from './event-identity.util';
import { CORREIOS_UNMAPPED_CODE } from './carriers.constants';
import { countFeedEvents, generateFeed, scheduleFeed } from './feed.generator';
import type { CanonicalEvent, Feed, SimulatedCarrier } from './feed.types';
import { isMilestone } from './milestones.constants';
import { TRACKING_NUMBER_PATTERN } from './tracking-number.util';

const NOW = new Date('2026-11-20T12:00:00Z');
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ALPHA_2 = /^[A-Z]{2}$/;

// events.md §2, checked independently of the generator so a regression there cannot hide.
function problemsOf(event: CanonicalEvent, carrier: SimulatedCarrier, now: Date): string[] {
  const problems: string[] = [];
  if (!TRACKING_NUMBER_PATTERN.test(event.trackingNumber)) problems.push(`trackingNumber ${event.trackingNumber}`);
  if (event.milestone === undefined && event.code === undefined) problems.push('neither milestone nor code');
  if (event.milestone !== undefined && !isMilestone(event.milestone)) problems.push(`milestone ${event.milestone}`);
  if (!ISO_WITH_OFFSET.test(event.occurredAt)) problems.push(`occurredAt without offset ${event.occurredAt}`);
  const instant = Date.parse(event.occurredAt);
  if (!(instant <= now.getTime())) problems.push(`occurredAt after now ${event.occurredAt}`);
  if (!(instant >= Date.parse('2000-01-01T00:00:00Z'))) problems.push('occurredAt before 2000');
  if (event.location !== undefined && !ALPHA_2.test(event.location.country)) problems.push(`country ${event.location.country}`);
  const milestone = resolveEventMilestone(carrier, event);
  if (milestone === 'HANDED_OVER' && event.handover === undefined) problems.push('HANDED_OVER without handover');
  if (milestone !== 'HANDED_OVER' && event.handover !== undefined) problems.push(`handover on ${milestone}`);
  if (event.shipment !== undefined) {
    if (!ALPHA_2.test(event.shipment.origin) || !ALPHA_2.test(event.shipment.destination)) problems.push('shipment countries');
    if (!ISO_WITH_OFFSET.test(event.shipment.promisedBy)) problems.push('promisedBy without offset');
  }
  if ((event.message ?? '').length > 1000) problems.push('message too long');
  const strings = [event.code, event.eventId, event.reason, event.location?.city, event.location?.facility, event.message];
  for (const value of strings) {
    if (value !== undefined && value !== value.trim()) problems.push(`untrimmed "${value}"`);
  }
  for (const value of strings.slice(0, 5)) {
    if (value !== undefined && value.length > 200) problems.push(`string over 200 characters`);
  }
  return problems;
}

function allEvents(feed: Feed): { carrier: SimulatedCarrier; event: CanonicalEvent; legIndex: number }[] {
  const carriers = new Map(feed.carriers.map((carrier) => [carrier.code, carrier]));
  return feed.journeys.flatMap((journey) =>
    journey.legs.flatMap((leg, legIndex) => {
      const carrier = carriers.get(leg.carrier);
      if (carrier === undefined) throw new Error(`leg names unknown carrier ${leg.carrier}`);
      return leg.events.map((event) => ({ carrier, event, legIndex }));
    }),
  );
}

describe('generateFeed', () => {
  const feed = generateFeed({ seed: 42, shipments: 1500, now: NOW });

  it('gives the same feed for the same seed and now', () => {
    const again = generateFeed({ seed: 42, shipments: 1500, now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(feed));
  });

  it('gives a different feed for another seed', () => {
    const other = generateFeed({ seed: 43, shipments: 50, now: NOW });
    expect(other.journeys[0].legs[0].trackingNumber).not.toBe(feed.journeys[0].legs[0].trackingNumber);
  });

  it('produces only events valid under events.md §2, none after now', () => {
    const problems = allEvents(feed)
      .map(({ carrier, event }) => ({ event, problems: problemsOf(event, carrier, NOW) }))
      .filter((entry) => entry.problems.length > 0);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('counts its events', () => {
    expect(feed.eventCount).toBe(countFeedEvents(feed.journeys));
    expect(feed.eventCount).toBeGreaterThan(feed.journeys.length * 8);
  });

  it('covers at least five corridors from CN, all of which carry shipments', () => {
    expect(feed.corridors.length).toBeGreaterThanOrEqual(5);
    expect(feed.corridors.every((corridor) => corridor.origin === 'CN')).toBe(true);
    const used = new Set(feed.journeys.map((journey) => journey.corridor));
    expect(used).toEqual(new Set(feed.corridors.map((corridor) => corridor.code)));
  });

  it('has at least two line-haul and four last-mile carriers, each with traffic', () => {
    const firstMile = feed.carriers.filter((carrier) => carrier.role === 'first-mile');
    const lastMile = feed.carriers.filter((carrier) => carrier.role === 'last-mile');
    expect(firstMile.length).toBeGreaterThanOrEqual(2);
    expect(lastMile.length).toBeGreaterThanOrEqual(4);
    const legCarriers = new Set(feed.journeys.flatMap((journey) => journey.legs.map((leg) => leg.carrier)));
    for (const carrier of feed.carriers) expect(legCarriers).toContain(carrier.code);
  });

  it('uses all three service levels with promises in the destination offset', () => {
    expect(new Set(feed.journeys.map((journey) => journey.serviceLevel))).toEqual(new Set(['standard', 'economy', 'premium']));
    const brazil = feed.journeys.find((journey) => journey.corridor === 'CN-BR');
    expect(brazil?.shipment.promisedBy).toMatch(/T23:59:59-0[34]:00$/);
  });

  it('puts the shipment block on the first event of the first leg only', () => {
    const misplaced = feed.journeys.filter((journey) => {
      const withBlock = journey.legs.flatMap((leg, legIndex) =>
        leg.events.flatMap((event, index) => (event.shipment === undefined ? [] : [`${legIndex}:${index}`])),
      );
      return withBlock.join() !== '0:0' || JSON.stringify(journey.legs[0].events[0].shipment) !== JSON.stringify(journey.shipment);
    });
    expect(misplaced.map((journey) => journey.id)).toEqual([]);
  });

  it('hands every later leg over under a new tracking number on another carrier', () => {
    const twoLeg = feed.journeys.filter((journey) => journey.legs.length === 2);
    expect(twoLeg.length).toBeGreaterThan(feed.journeys.length / 3);
    const wrong = twoLeg.filter((journey) => {
      const [first, last] = journey.legs;
      const handovers = first.events.filter((event) => event.handover !== undefined);
      if (handovers.length !== 1 || handovers[0].milestone !== 'HANDED_OVER') return true;
      const handover = handovers[0].handover;
      if (handover?.carrier !== last.carrier || handover.trackingNumber !== last.trackingNumber) return true;
      if (last.trackingNumber === first.trackingNumber || last.carrier === first.carrier) return true;
      const handedAt = Date.parse(handovers[0].occurredAt);
      return last.events.some((event) => event.trackingNumber !== last.trackingNumber || Date.parse(event.occurredAt) <= handedAt);
    });
    expect(wrong.map((journey) => journey.id)).toEqual([]);
  });

  it('never reuses a tracking number across shipments', () => {
    const numbers = feed.journeys.flatMap((journey) => journey.legs.map((leg) => `${leg.carrier}/${leg.trackingNumber}`));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('keeps each leg in time order with distinct instants', () => {
    const unordered = feed.journeys.filter((journey) =>
      journey.legs.some((leg) => {
        const instants = leg.events.map((event) => Date.parse(event.occurredAt));
        return instants.some((instant, index) => index > 0 && instant <= instants[index - 1]);
      }),
    );
    expect(unordered.map((journey) => journey.id)).toEqual([]);
  });

  it('writes local offsets of the event country', () => {
    const offsets = new Map<string, Set<string>>();
    for (const { event } of allEvents(feed)) {
      const country = event.location?.country ?? '-';
      offsets.set(country, (offsets.get(country) ?? new Set()).add(event.occurredAt.slice(19)));
    }
    const allowed: Record<string, string[]> = {
      CN: ['+08:00'],
      NL: ['+01:00', '+02:00'],
      GB: ['+00:00', '+01:00'],
      BR: ['-03:00', '-04:00'],
      US: ['-04:00', '-05:00', '-06:00', '-07:00', '-08:00'],
    };
    for (const [country, expected] of Object.entries(allowed)) {
      const seen = [...(offsets.get(country) ?? [])];
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((offset) => !expected.includes(offset))).toEqual([]);
    }
  });

  it('writes US summer and winter offsets across a DST change', () => {
    const summer = generateFeed({ seed: 5, shipments: 400, now: new Date('2026-11-15T12:00:00Z'), spanDays: 40 });
    const usOffsets = new Set(
      allEvents(summer)
        .filter(({ event }) => event.location?.country === 'US' && event.location.city === 'New York')
        .map(({ event }) => event.occurredAt.slice(19)),
    );
    expect(usOffsets).toEqual(new Set(['-04:00', '-05:00']));
  });

  it('has Correios post raw codes only, resolvable through its code map except one', () => {
    const correios = feed.carriers.find((carrier) => carrier.code === 'correios');
    expect(correios?.eventStyle).toBe('code');
    const events = allEvents(feed).filter(({ carrier }) => carrier.code === 'correios');
    expect(events.length).toBeGreaterThan(100);
    expect(events.every(({ event }) => event.milestone === undefined && event.code !== undefined)).toBe(true);
    const unmapped = events.filter(({ event }) => correios?.codeMap?.[event.code ?? ''] === undefined);
    expect(unmapped.length).toBeGreaterThan(0);
    expect(new Set(unmapped.map(({ event }) => event.code))).toEqual(new Set([CORREIOS_UNMAPPED_CODE]));
    expect(correios?.codeMap).toMatchObject({ EMA: 'ACCEPTED', EMI: 'DELIVERED', EDG: 'OUT_FOR_DELIVERY', EMH: 'DELIVERY_FAILED' });
  });

  it('leaves shipments in transit at now, some delivered via pickup points, some gone wrong', () => {
    const statuses = feed.journeys.map((journey) => journey.outcome.status);
    expect(statuses).toContain('in_transit');
    expect(statuses).toContain('delivered');
    expect(statuses).toContain('cancelled');
    expect(statuses.some((status) => ['return_in_transit', 'returned', 'lost', 'destroyed'].includes(status))).toBe(true);
    const pickups = feed.journeys.filter((journey) => journey.outcome.deliverySubtype === 'pickup_point');
    expect(pickups.length).toBeGreaterThan(0);
    for (const journey of pickups) {
      const milestones = journey.legs[1].events.map((event) => resolveEventMilestone(feed.carriers.find((c) => c.code === journey.legs[1].carrier)!, event));
      expect(milestones.indexOf('DELIVERY_FAILED')).toBeLessThan(milestones.indexOf('AVAILABLE_FOR_PICKUP'));
      expect(milestones.indexOf('AVAILABLE_FOR_PICKUP')).toBeLessThan(milestones.lastIndexOf('DELIVERED'));
    }
  });

  it('gives La Poste the worst first-attempt rate and CN-BR the longest customs holds', () => {
    const big = generateFeed({ seed: 9, shipments: 2500, now: NOW, spanDays: 60 });
    const firstAttempt = new Map<string, { tries: number; delivered: number }>();
    const holds = new Map<string, { shipments: number; held: number; hours: number[] }>();
    for (const journey of big.journeys) {
      const hold = holds.get(journey.corridor) ?? { shipments: 0, held: 0, hours: [] };
      hold.shipments += 1;
      if (journey.outcome.importCustomsHeld) hold.held += 1;
      const customs = journey.legs[0].events;
      const started = customs.find((event) => event.milestone === 'IMPORT_CUSTOMS_STARTED');
      const released = customs.find((event) => event.milestone === 'IMPORT_CUSTOMS_RELEASED');
      if (started && released) hold.hours.push((Date.parse(released.occurredAt) - Date.parse(started.occurredAt)) / 3_600_000);
      holds.set(journey.corridor, hold);
      if (journey.outcome.firstAttemptDelivered === undefined) continue;
      const entry = firstAttempt.get(journey.legs[1].carrier) ?? { tries: 0, delivered: 0 };
      entry.tries += 1;
      if (journey.outcome.firstAttemptDelivered) entry.delivered += 1;
      firstAttempt.set(journey.legs[1].carrier, entry);
    }
    const rates = [...firstAttempt].map(([carrier, entry]) => [carrier, entry.delivered / entry.tries] as const);
    const worst = rates.reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(worst[0]).toBe('laposte');
    expect(worst[1]).toBeLessThan(0.7);
    const holdRates = [...holds].map(([corridor, entry]) => [corridor, entry.held / entry.shipments] as const);
    expect(holdRates.reduce((a, b) => (b[1] > a[1] ? b : a))[0]).toBe('CN-BR');
    const meanHours = [...holds].map(([corridor, entry]) => [corridor, entry.hours.reduce((a, b) => a + b, 0) / entry.hours.length] as const);
    const longest = meanHours.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(longest[0]).toBe('CN-BR');
    expect(longest[1]).toBeGreaterThan(48);
  });

  it('schedules the future of unfinished journeys without leaking it into the feed', () => {
    const { feed: scheduled, pending } = scheduleFeed({ seed: 42, shipments: 300, now: NOW });
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((entry) => entry.at > NOW.getTime())).toBe(true);
    const ids = new Set(scheduled.journeys.filter((journey) => journey.outcome.status === 'in_transit').map((journey) => journey.id));
    expect(pending.some((entry) => ids.has(entry.journeyId))).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => generateFeed({ seed: 1, shipments: -1, now: NOW })).toThrow('shipments');
    expect(() => generateFeed({ seed: 1, shipments: 1, now: NOW, spanDays: 0 })).toThrow('spanDays');
    expect(() => generateFeed({ seed: 1, shipments: 1, now: new Date('nope') })).toThrow('now');
  });
});
