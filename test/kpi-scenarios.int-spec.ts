import type { KpiResponse } from './oracle/kpi-oracle';
import { customsPercentile, KpiRequest, kpiPath, transitPercentile, within } from './support/kpi-comparison';
import { LanewatchApp } from './support/lanewatch-app';

// One spec per KPI edge case of kpis.md §1–§5: a tiny hand-written feed goes through the real API and
// worker, and the KPI answer is written out by hand. Every scenario lives in its own week of 2026 with
// its own carriers, so a window over that week holds nothing else.

type Event = Record<string, unknown> & { carrier: string; trackingNumber: string; occurredAt: string };

interface ShipmentView {
  shipment: { id: string; corridor: string | null; serviceLevel: string | null } | null;
  legs: { carrier: string; trackingNumber: string }[];
  facts: Record<string, unknown>;
  dataQuality: { kind: string }[];
}

/** percentile_cont, mean and null rules for a single value (n = 1). */
const oneTransit = (days: number) => ({
  count: 1,
  meanDays: within(days),
  stddevDays: null,
  varianceDays: null,
  p50Days: transitPercentile(days),
  p90Days: transitPercentile(days),
  p95Days: transitPercentile(days),
});
const oneCustomsHold = (hours: number) => ({ count: 1, meanHours: within(hours), p50Hours: customsPercentile(hours), p90Hours: customsPercentile(hours) });
const none = { carrier: null, corridor: null, serviceLevel: null, transit: null, customsHold: null, firstAttempt: null, onTime: null };
const allOf = (n: number) => ({ attempted: n, delivered: n, rate: 1 });
const allOnTime = (n: number) => ({ delivered: n, onTime: n, rate: 1 });

describe('KPI scenarios through the real API and worker', () => {
  let app: LanewatchApp;

  beforeAll(async () => {
    app = await LanewatchApp.start();
  });
  afterAll(() => app?.stop());

  async function post(...events: Event[]): Promise<void> {
    const response = await app.request('POST', '/api/v1/events', { body: { events } });
    expect(response.status).toBe(202);
    expect(response.body.rejected).toEqual([]);
  }

  async function kpis(request: KpiRequest): Promise<KpiResponse['rows']> {
    const response = await app.request('GET', kpiPath(request));
    expect(response.status).toBe(200);
    return (response.body as unknown as KpiResponse).rows;
  }

  async function view(carrier: string, trackingNumber: string): Promise<ShipmentView> {
    const response = await app.request('GET', `/api/v1/shipments/${carrier}/${trackingNumber}`);
    expect(response.status).toBe(200);
    return response.body as unknown as ShipmentView;
  }

  async function putCodeMap(carrier: string, mappings: Record<string, string>): Promise<void> {
    const response = await app.request('PUT', `/api/v1/carriers/${carrier}/code-map`, { body: { mappings } });
    expect(response.status).toBe(200);
  }

  it('failed attempt and delivery at the same instant: DELIVERY_FAILED counts first, so the first attempt is not delivered', async () => {
    await app.createCarrier('same-instant');
    const parcel = { carrier: 'same-instant', trackingNumber: 'SI0001BR' };
    await post(
      { ...parcel, milestone: 'ACCEPTED', occurredAt: '2026-01-05T10:00:00Z', shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-01-10T00:00:00Z' } },
      { ...parcel, milestone: 'DELIVERED', occurredAt: '2026-01-07T22:00:00Z' },
    );
    // The failed attempt arrives later, written in another offset: the milestone order decides, not arrival.
    await post({ ...parcel, milestone: 'DELIVERY_FAILED', occurredAt: '2026-01-07T19:00:00-03:00' });
    await app.waitForIdle();

    const week = { from: '2026-01-05T00:00:00Z', to: '2026-01-12T00:00:00Z' };
    const expected = { transit: oneTransit(2.5), firstAttempt: { attempted: 1, delivered: 0, rate: 0 }, onTime: allOnTime(1) };
    expect(await kpis({ ...week, groupBy: 'corridor' })).toEqual([{ ...none, corridor: 'CN-BR', ...expected }]);
    expect(await kpis({ ...week, groupBy: 'carrier' })).toEqual([{ ...none, carrier: 'same-instant', ...expected }]);
    expect((await view('same-instant', 'SI0001BR')).facts).toMatchObject({
      firstAttemptAt: '2026-01-07T22:00:00.000Z',
      firstAttemptDelivered: false,
      deliveredAt: '2026-01-07T22:00:00.000Z',
      transitDays: 2.5,
      onTime: true,
    });
  });

  it('release without a start: no customs hold; a release before the start is skipped', async () => {
    await app.createCarrier('no-start');
    const block = { origin: 'CN', destination: 'BR', serviceLevel: 'standard' };
    const a = { carrier: 'no-start', trackingNumber: 'NS0001BR' };
    const b = { carrier: 'no-start', trackingNumber: 'NS0002BR' };
    await post(
      { ...a, milestone: 'ACCEPTED', occurredAt: '2026-01-12T08:00:00Z', shipment: block },
      { ...a, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: '2026-01-13T08:00:00Z' },
      { ...a, milestone: 'DELIVERED', occurredAt: '2026-01-14T08:00:00Z' },
      { ...b, milestone: 'ACCEPTED', occurredAt: '2026-01-12T08:00:00Z', shipment: block },
      { ...b, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: '2026-01-12T12:00:00Z' },
      { ...b, milestone: 'IMPORT_CUSTOMS_STARTED', occurredAt: '2026-01-13T00:00:00Z' },
      { ...b, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: '2026-01-13T06:00:00Z' },
    );
    await app.waitForIdle();

    // Only B's 6-hour hold counts; A's lone release is no hold at all (count 1, not 2).
    expect(await kpis({ from: '2026-01-12T00:00:00Z', to: '2026-01-19T00:00:00Z', groupBy: 'corridor' })).toEqual([
      { ...none, corridor: 'CN-BR', transit: oneTransit(2), customsHold: oneCustomsHold(6), firstAttempt: allOf(1) },
    ]);
    expect((await view('no-start', 'NS0001BR')).facts).toMatchObject({ customsStartAt: null, customsReleasedAt: null, customsHoldHours: null });
    expect((await view('no-start', 'NS0002BR')).facts).toMatchObject({
      customsStartAt: '2026-01-13T00:00:00.000Z',
      customsReleasedAt: '2026-01-13T06:00:00.000Z',
      customsHoldHours: 6,
    });
  });

  it('delivered with no other scan: the delivery is the first scan, so transit is 0 days', async () => {
    await app.createCarrier('lone-delivery');
    const parcel = { carrier: 'lone-delivery', trackingNumber: 'LD0001BR' };
    await post(
      // INFO_RECEIVED is not a physical scan: it does not start the transit.
      { ...parcel, milestone: 'INFO_RECEIVED', occurredAt: '2026-01-19T09:00:00Z', shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-01-25T00:00:00Z' } },
      { ...parcel, milestone: 'DELIVERED', occurredAt: '2026-01-21T12:00:00-03:00' },
    );
    await app.waitForIdle();

    expect(await kpis({ from: '2026-01-19T00:00:00Z', to: '2026-01-26T00:00:00Z', groupBy: 'corridor' })).toEqual([
      { ...none, corridor: 'CN-BR', transit: oneTransit(0), firstAttempt: allOf(1), onTime: allOnTime(1) },
    ]);
    expect((await view('lone-delivery', 'LD0001BR')).facts).toMatchObject({
      firstScanAt: '2026-01-21T15:00:00.000Z',
      deliveredAt: '2026-01-21T15:00:00.000Z',
      transitDays: 0,
      lastEventAt: '2026-01-21T15:00:00.000Z',
    });
  });

  it('pickup after a failed attempt: the first attempt failed, transit runs to the collection, and each family closes at its own instant', async () => {
    await app.createCarrier('pickup-post');
    const parcel = { carrier: 'pickup-post', trackingNumber: 'PP0001BR' };
    await post(
      { ...parcel, milestone: 'ACCEPTED', occurredAt: '2026-01-26T00:00:00Z', shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-01-30T00:00:00Z' } },
      { ...parcel, milestone: 'OUT_FOR_DELIVERY', occurredAt: '2026-01-28T08:00:00Z' },
      { ...parcel, milestone: 'DELIVERY_FAILED', occurredAt: '2026-01-28T12:00:00Z', reason: 'ADDRESSEE_ABSENT' },
      { ...parcel, milestone: 'AVAILABLE_FOR_PICKUP', occurredAt: '2026-01-28T18:00:00Z' },
      { ...parcel, milestone: 'DELIVERED', occurredAt: '2026-01-30T12:00:00Z', subtype: 'pickup_point' },
    );
    await app.waitForIdle();

    const late = { delivered: 1, onTime: 0, rate: 0 };
    expect(await kpis({ from: '2026-01-26T00:00:00Z', to: '2026-02-02T00:00:00Z', groupBy: 'corridor' })).toEqual([
      { ...none, corridor: 'CN-BR', transit: oneTransit(4.5), firstAttempt: { attempted: 1, delivered: 0, rate: 0 }, onTime: late },
    ]);
    // From the 29th on the failed attempt (28th) is outside the window; the delivery (30th) is inside.
    expect(await kpis({ from: '2026-01-29T00:00:00Z', to: '2026-02-02T00:00:00Z', groupBy: 'corridor' })).toEqual([
      { ...none, corridor: 'CN-BR', transit: oneTransit(4.5), onTime: late },
    ]);
    expect((await view('pickup-post', 'PP0001BR')).facts).toMatchObject({
      firstAttemptAt: '2026-01-28T12:00:00.000Z',
      firstAttemptDelivered: false,
      deliveredAt: '2026-01-30T12:00:00.000Z',
      onTime: false,
    });
  });

  it('several holds: customs runs from the earliest start or hold to the first release after it', async () => {
    await app.createCarrier('many-holds');
    const parcel = { carrier: 'many-holds', trackingNumber: 'MH0001BR' };
    await post(
      { ...parcel, milestone: 'ACCEPTED', occurredAt: '2026-02-02T00:00:00Z', shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard' } },
      { ...parcel, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: '2026-02-02T06:00:00Z' },
      { ...parcel, milestone: 'IMPORT_CUSTOMS_HELD', occurredAt: '2026-02-03T00:00:00Z' },
      { ...parcel, milestone: 'IMPORT_CUSTOMS_STARTED', occurredAt: '2026-02-03T04:00:00Z' },
      { ...parcel, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: '2026-02-04T12:00:00Z' },
      { ...parcel, milestone: 'IMPORT_CUSTOMS_HELD', occurredAt: '2026-02-05T00:00:00Z' },
      { ...parcel, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: '2026-02-06T00:00:00Z' },
      { ...parcel, milestone: 'DELIVERED', occurredAt: '2026-02-07T00:00:00Z' },
    );
    await app.waitForIdle();

    expect(await kpis({ from: '2026-02-02T00:00:00Z', to: '2026-02-09T00:00:00Z', groupBy: 'corridor' })).toEqual([
      { ...none, corridor: 'CN-BR', transit: oneTransit(5), customsHold: oneCustomsHold(36), firstAttempt: allOf(1) },
    ]);
    // The hold closes at its first release (4th): the later hold and release (5th, 6th) add nothing.
    expect(await kpis({ from: '2026-02-05T00:00:00Z', to: '2026-02-09T00:00:00Z', groupBy: 'corridor' })).toEqual([
      { ...none, corridor: 'CN-BR', transit: oneTransit(5), firstAttempt: allOf(1) },
    ]);
    expect((await view('many-holds', 'MH0001BR')).facts).toMatchObject({
      customsStartAt: '2026-02-03T00:00:00.000Z',
      customsReleasedAt: '2026-02-04T12:00:00.000Z',
      customsHoldHours: 36,
    });
  });

  it('a three-leg hand-over chain: leg facts per carrier, hand-over gaps between them, shipment facts over all legs', async () => {
    for (const code of ['chain-first', 'chain-line', 'chain-last']) await app.createCarrier(code);
    const first = { carrier: 'chain-first', trackingNumber: 'LPCH0001CN' };
    const line = { carrier: 'chain-line', trackingNumber: 'YTCH0001' };
    const last = { carrier: 'chain-last', trackingNumber: 'NLCH0001BR' };
    await post(
      { ...first, milestone: 'ACCEPTED', occurredAt: '2026-02-09T08:00:00+08:00', shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-02-20T00:00:00Z' } },
      { ...first, milestone: 'HANDED_OVER', occurredAt: '2026-02-10T08:00:00+08:00', handover: { carrier: 'chain-line', trackingNumber: 'YTCH0001' } },
      { ...line, milestone: 'DEPARTED_ORIGIN', occurredAt: '2026-02-10T06:00:00Z' },
      { ...line, milestone: 'ARRIVED_DESTINATION', occurredAt: '2026-02-11T00:00:00Z' },
      { ...line, milestone: 'IMPORT_CUSTOMS_STARTED', occurredAt: '2026-02-11T04:00:00Z' },
      { ...line, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: '2026-02-11T16:00:00Z' },
      { ...line, milestone: 'HANDED_OVER', occurredAt: '2026-02-11T21:00:00-03:00', handover: { carrier: 'chain-last', trackingNumber: 'NLCH0001BR' } },
      { ...last, milestone: 'DESTINATION_FACILITY', occurredAt: '2026-02-12T09:00:00-03:00' },
      { ...last, milestone: 'OUT_FOR_DELIVERY', occurredAt: '2026-02-14T00:00:00Z' },
      { ...last, milestone: 'DELIVERED', occurredAt: '2026-02-14T06:00:00Z' },
    );
    await app.waitForIdle();

    const week = { from: '2026-02-09T00:00:00Z', to: '2026-02-16T00:00:00Z' };
    // Legs: first 02-09T00 → hand-over 02-10T00 (1 d); line 02-10T06 → hand-over 02-12T00 (1.75 d, 12 h in customs);
    // last 02-12T12 → delivered 02-14T06 (1.75 d), credited with the on-time delivery.
    const legRows = [
      { ...none, carrier: 'chain-first', transit: oneTransit(1) },
      { ...none, carrier: 'chain-last', transit: oneTransit(1.75), firstAttempt: allOf(1), onTime: allOnTime(1) },
      { ...none, carrier: 'chain-line', transit: oneTransit(1.75), customsHold: oneCustomsHold(12) },
    ];
    expect(await kpis({ ...week, groupBy: 'carrier' })).toEqual(legRows);
    expect(await kpis({ ...week, groupBy: 'carrier,corridor' })).toEqual(legRows.map((row) => ({ ...row, corridor: 'CN-BR' })));
    expect(await kpis({ ...week, groupBy: 'corridor', carrier: 'chain-line' })).toEqual([
      { ...none, corridor: 'CN-BR', transit: oneTransit(1.75), customsHold: oneCustomsHold(12) },
    ]);
    // The shipment: first scan 02-09T00 → delivered 02-14T06 = 5.25 d.
    expect(await kpis({ ...week, groupBy: 'corridor' })).toEqual([
      { ...none, corridor: 'CN-BR', transit: oneTransit(5.25), customsHold: oneCustomsHold(12), firstAttempt: allOf(1), onTime: allOnTime(1) },
    ]);

    const journey = await view('chain-line', 'YTCH0001');
    expect(journey.legs.map((leg) => leg.carrier)).toEqual(['chain-first', 'chain-line', 'chain-last']);
    expect(journey.facts).toMatchObject({
      firstScanAt: '2026-02-09T00:00:00.000Z',
      deliveredAt: '2026-02-14T06:00:00.000Z',
      transitDays: 5.25,
      customsHoldHours: 12,
      firstAttemptDelivered: true,
      onTime: true,
    });
    // Hand-over gaps (§2) are not served by any endpoint yet: read where the worker stores them.
    const gaps = await app.sql<{ carrier: string; previous: string | null; gap: number | null }>(
      `SELECT c.code AS carrier, p.code AS previous, f.handover_gap_hours AS gap
         FROM leg_facts f JOIN legs l ON l.id = f.leg_id JOIN carriers c ON c.id = l.carrier_id LEFT JOIN carriers p ON p.id = f.previous_carrier_id
        WHERE c.code LIKE 'chain-%' ORDER BY f.leg_start_at`,
    );
    expect(gaps).toEqual([
      { carrier: 'chain-first', previous: null, gap: null },
      { carrier: 'chain-line', previous: 'chain-first', gap: 6 },
      { carrier: 'chain-last', previous: 'chain-line', gap: 12 },
    ]);
  });

  it('an unlinked last mile that links late: KPIs move from two shipments to one', async () => {
    await app.createCarrier('late-first');
    await app.createCarrier('late-last');
    const first = { carrier: 'late-first', trackingNumber: 'LPLT0001CN' };
    const last = { carrier: 'late-last', trackingNumber: 'NLLT0001BR' };
    // The last mile reports first, with a shipment block of its own: a second shipment for now.
    await post(
      { ...last, milestone: 'DESTINATION_FACILITY', occurredAt: '2026-02-18T00:00:00Z', shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'economy' } },
      { ...last, milestone: 'DELIVERED', occurredAt: '2026-02-19T12:00:00Z' },
    );
    await post(
      { ...first, milestone: 'ACCEPTED', occurredAt: '2026-02-16T00:00:00Z', shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-02-25T00:00:00Z' } },
      { ...first, milestone: 'IMPORT_CUSTOMS_STARTED', occurredAt: '2026-02-17T00:00:00Z' },
      { ...first, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: '2026-02-17T06:00:00Z' },
    );
    await app.waitForIdle();
    const week = { from: '2026-02-16T00:00:00Z', to: '2026-02-23T00:00:00Z' };

    expect(await kpis({ ...week, groupBy: 'serviceLevel' })).toEqual([
      { ...none, serviceLevel: 'economy', transit: oneTransit(1.5), firstAttempt: allOf(1) },
      { ...none, serviceLevel: 'standard', customsHold: oneCustomsHold(6) },
    ]);
    expect(await kpis({ ...week, groupBy: 'carrier' })).toEqual([
      { ...none, carrier: 'late-first', customsHold: oneCustomsHold(6) },
      { ...none, carrier: 'late-last', transit: oneTransit(1.5), firstAttempt: allOf(1) },
    ]);
    const before = [await view('late-first', 'LPLT0001CN'), await view('late-last', 'NLLT0001BR')];
    expect(before.map((journey) => journey.legs.map((leg) => leg.carrier))).toEqual([['late-first'], ['late-last']]);
    expect(before[0].shipment?.id).not.toBe(before[1].shipment?.id);

    await post({ ...first, milestone: 'HANDED_OVER', occurredAt: '2026-02-17T12:00:00Z', handover: { carrier: 'late-last', trackingNumber: 'NLLT0001BR' } });
    await app.waitForIdle();

    // One shipment, 02-16T00 → 02-19T12 = 3.5 d, delivered before its promise. Its service level is the
    // last mile's economy: the value of the latest event time wins (events.md §3), 02-18 over 02-16.
    expect(await kpis({ ...week, groupBy: 'serviceLevel' })).toEqual([
      { ...none, serviceLevel: 'economy', transit: oneTransit(3.5), customsHold: oneCustomsHold(6), firstAttempt: allOf(1), onTime: allOnTime(1) },
    ]);
    expect(await kpis({ ...week, groupBy: 'carrier' })).toEqual([
      { ...none, carrier: 'late-first', transit: oneTransit(1.5), customsHold: oneCustomsHold(6) },
      { ...none, carrier: 'late-last', transit: oneTransit(1.5), firstAttempt: allOf(1), onTime: allOnTime(1) },
    ]);
    const after = [await view('late-first', 'LPLT0001CN'), await view('late-last', 'NLLT0001BR')];
    for (const journey of after) {
      expect(journey.legs.map((leg) => leg.carrier)).toEqual(['late-first', 'late-last']);
      expect(journey.shipment).toMatchObject({ id: after[0].shipment?.id, serviceLevel: 'economy', promisedBy: '2026-02-25T00:00:00.000Z' });
      expect(journey.facts).toMatchObject({ firstScanAt: '2026-02-16T00:00:00.000Z', deliveredAt: '2026-02-19T12:00:00.000Z', transitDays: 3.5, onTime: true });
    }
  });

  it('an unmapped code mapped later: the KPIs follow every change of the code map', async () => {
    await app.createCarrier('remap-post');
    await putCodeMap('remap-post', { RMA: 'ACCEPTED' });
    const parcel = { carrier: 'remap-post', trackingNumber: 'RM0001BR' };
    await post(
      { ...parcel, code: 'RMA', occurredAt: '2026-02-23T00:00:00Z', shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-03-01T00:00:00Z' } },
      { ...parcel, code: 'RMD', occurredAt: '2026-02-25T12:00:00Z' },
    );
    await app.waitForIdle();
    const week = { from: '2026-02-23T00:00:00Z', to: '2026-03-02T00:00:00Z', groupBy: 'corridor' as const };

    // RMD is unmapped: no family has data, so there is no row at all.
    expect(await kpis(week)).toEqual([]);
    expect((await view('remap-post', 'RM0001BR')).facts).toMatchObject({ firstScanAt: '2026-02-23T00:00:00.000Z', deliveredAt: null });

    await putCodeMap('remap-post', { RMA: 'ACCEPTED', RMD: 'DELIVERED' });
    await app.waitForIdle();
    expect(await kpis(week)).toEqual([{ ...none, corridor: 'CN-BR', transit: oneTransit(2.5), firstAttempt: allOf(1), onTime: allOnTime(1) }]);

    await putCodeMap('remap-post', { RMA: 'ACCEPTED', RMD: 'DELIVERY_FAILED' });
    await app.waitForIdle();
    expect(await kpis(week)).toEqual([{ ...none, corridor: 'CN-BR', firstAttempt: { attempted: 1, delivered: 0, rate: 0 } }]);
  });

  it('a shipment without a corridor counts in its carrier and service level groups but in no corridor group', async () => {
    await app.createCarrier('nocorr-post');
    const lone = { carrier: 'nocorr-post', trackingNumber: 'NC0001XX' };
    const routed = { carrier: 'nocorr-post', trackingNumber: 'NC0002BR' };
    await post(
      { ...lone, milestone: 'ACCEPTED', occurredAt: '2026-03-02T00:00:00Z', shipment: { serviceLevel: 'standard' } },
      { ...lone, milestone: 'DELIVERED', occurredAt: '2026-03-04T00:00:00Z' },
      { ...routed, milestone: 'ACCEPTED', occurredAt: '2026-03-02T00:00:00Z', shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard' } },
      { ...routed, milestone: 'DELIVERED', occurredAt: '2026-03-05T00:00:00Z' },
    );
    await app.waitForIdle();
    const week = { from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z' };

    // Both: 2 d and 3 d. mean 2.5, variance 0.5, p50 2.5, p90 2.9, p95 2.95.
    const both = {
      count: 2,
      meanDays: within(2.5),
      varianceDays: within(0.5),
      stddevDays: within(Math.SQRT1_2),
      p50Days: transitPercentile(2.5),
      p90Days: transitPercentile(2.9),
      p95Days: transitPercentile(2.95),
    };
    expect(await kpis({ ...week, groupBy: 'carrier' })).toEqual([{ ...none, carrier: 'nocorr-post', transit: both, firstAttempt: allOf(2) }]);
    expect(await kpis({ ...week, groupBy: 'serviceLevel' })).toEqual([{ ...none, serviceLevel: 'standard', transit: both, firstAttempt: allOf(2) }]);
    // Only the routed shipment (3 d) has a corridor.
    const routedOnly = { transit: oneTransit(3), firstAttempt: allOf(1) };
    expect(await kpis({ ...week, groupBy: 'corridor' })).toEqual([{ ...none, corridor: 'CN-BR', ...routedOnly }]);
    expect(await kpis({ ...week, groupBy: 'carrier,corridor' })).toEqual([{ ...none, carrier: 'nocorr-post', corridor: 'CN-BR', ...routedOnly }]);
    expect(await kpis({ ...week, groupBy: 'corridor,serviceLevel' })).toEqual([{ ...none, corridor: 'CN-BR', serviceLevel: 'standard', ...routedOnly }]);
    expect(await kpis({ ...week, groupBy: 'serviceLevel', corridor: 'CN-BR' })).toEqual([{ ...none, serviceLevel: 'standard', ...routedOnly }]);

    const journey = await view('nocorr-post', 'NC0001XX');
    expect(journey.shipment).toMatchObject({ corridor: null, serviceLevel: 'standard' });
    expect(journey.dataQuality.map((issue) => issue.kind)).toContain('no_corridor');
  });

  it('percentiles on 1 and 2 values: percentile_cont interpolation, variance null for n = 1', async () => {
    await app.createCarrier('pct-post');
    const shipment = (trackingNumber: string, destination: string, releasedAt: string, deliveredAt: string): Event[] => [
      { carrier: 'pct-post', trackingNumber, milestone: 'ACCEPTED', occurredAt: '2026-03-09T00:00:00Z', shipment: { origin: 'CN', destination, serviceLevel: 'standard' } },
      { carrier: 'pct-post', trackingNumber, milestone: 'IMPORT_CUSTOMS_STARTED', occurredAt: '2026-03-10T00:00:00Z' },
      { carrier: 'pct-post', trackingNumber, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: releasedAt },
      { carrier: 'pct-post', trackingNumber, milestone: 'DELIVERED', occurredAt: deliveredAt },
    ];
    await post(
      ...shipment('PC0001US', 'US', '2026-03-10T07:00:00Z', '2026-03-12T00:00:00Z'), // 3 d, 7 h
      ...shipment('PC0002FR', 'FR', '2026-03-10T10:00:00Z', '2026-03-11T00:00:00Z'), // 2 d, 10 h
      ...shipment('PC0003FR', 'FR', '2026-03-11T06:00:00Z', '2026-03-15T00:00:00Z'), // 6 d, 30 h
    );
    await app.waitForIdle();

    expect(await kpis({ from: '2026-03-09T00:00:00Z', to: '2026-03-16T00:00:00Z', groupBy: 'corridor' })).toEqual([
      {
        ...none,
        corridor: 'CN-FR',
        // 2 and 6: r = p·(2 − 1), so p50 = 4, p90 = 2 + 0.9·4 = 5.6, p95 = 5.8; variance (2 − 6)²/2 = 8.
        transit: {
          count: 2,
          meanDays: within(4),
          varianceDays: within(8),
          stddevDays: within(2 * Math.SQRT2),
          p50Days: transitPercentile(4),
          p90Days: transitPercentile(5.6),
          p95Days: transitPercentile(5.8),
        },
        // 10 h and 30 h: p50 = 20, p90 = 10 + 0.9·20 = 28.
        customsHold: { count: 2, meanHours: within(20), p50Hours: customsPercentile(20), p90Hours: customsPercentile(28) },
        firstAttempt: allOf(2),
      },
      { ...none, corridor: 'CN-US', transit: oneTransit(3), customsHold: oneCustomsHold(7), firstAttempt: allOf(1) },
    ]);
  });
});
