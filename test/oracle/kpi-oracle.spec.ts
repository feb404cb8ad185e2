// Hand-computed checks of the KPI oracle (test/oracle/kpi-oracle.ts) against kpis.md.
// Expected values are written out by hand from the spec text, never computed by the oracle.
//
// Run: npx jest --selectProjects unit --testMatch '**/test/oracle/*.spec.ts'
// (without --selectProjects unit the integration project also matches and starts PostgreSQL/Redis)
import fc from 'fast-check';
import {
  feedLatency,
  handoverGaps,
  kaplanMeier,
  kaplanMeierTransit,
  kpis,
  legFacts,
  lostCandidates,
  mean,
  OracleEvent,
  OracleInput,
  OracleShipment,
  percentileCont,
  sampleVariance,
  shipmentFacts,
  silentShipments,
  unmappedRate,
  wilsonInterval,
} from './kpi-oracle';

/** epoch ms of an ISO instant (expected values) */
const T = (iso: string): number => Date.parse(iso);

function ev(carrier: string, trackingNumber: string, milestone: string | null, occurredAt: string, extra: Partial<OracleEvent> = {}): OracleEvent {
  return { carrier, trackingNumber, milestone, occurredAt, ...extra };
}

function single(carrier: string, trackingNumber: string, attrs: Partial<Omit<OracleShipment, 'legs'>> = {}): OracleShipment {
  return { legs: [{ carrier, trackingNumber }], origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: null, ...attrs };
}

const AS_OF = '2026-12-01T00:00:00Z';

// ───────────────────────────── §1 shipment facts ─────────────────────────────

describe('shipment facts (kpis.md §1)', () => {
  it('failed attempt and delivery at the same instant: DELIVERY_FAILED comes first', () => {
    const s = single('ups', '1Z0001');
    const input: OracleInput = {
      shipments: [s],
      events: [
        ev('ups', '1Z0001', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('ups', '1Z0001', 'DELIVERED', '2026-11-05T12:00:00Z'),
        // same instant, other offset, posted after the delivery
        ev('ups', '1Z0001', 'DELIVERY_FAILED', '2026-11-05T09:00:00-03:00'),
      ],
    };
    const f = shipmentFacts(input, s, AS_OF);
    expect(f.firstAttemptAt).toBe(T('2026-11-05T12:00:00Z'));
    expect(f.firstAttemptDelivered).toBe(false);
    expect(f.deliveredAt).toBe(T('2026-11-05T12:00:00Z'));
    expect(f.transitDays).toBe(4.5);
    expect(f.terminal).toBe(true);
  });

  it('release without a start: no customs facts; a release before the start is skipped', () => {
    const a = single('correios', 'NA0001BR');
    const b = single('correios', 'NB0001BR');
    const input: OracleInput = {
      shipments: [a, b],
      events: [
        ev('correios', 'NA0001BR', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('correios', 'NA0001BR', 'IMPORT_CUSTOMS_RELEASED', '2026-11-03T00:00:00Z'),
        ev('correios', 'NB0001BR', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('correios', 'NB0001BR', 'IMPORT_CUSTOMS_RELEASED', '2026-11-02T00:00:00Z'),
        ev('correios', 'NB0001BR', 'IMPORT_CUSTOMS_STARTED', '2026-11-03T00:00:00Z'),
        ev('correios', 'NB0001BR', 'IMPORT_CUSTOMS_RELEASED', '2026-11-04T06:00:00Z'),
      ],
    };
    const fa = shipmentFacts(input, a, AS_OF);
    expect([fa.customsStartAt, fa.customsReleasedAt, fa.customsHoldHours]).toEqual([null, null, null]);
    const fb = shipmentFacts(input, b, AS_OF);
    expect(fb.customsStartAt).toBe(T('2026-11-03T00:00:00Z'));
    expect(fb.customsReleasedAt).toBe(T('2026-11-04T06:00:00Z'));
    expect(fb.customsHoldHours).toBe(30);
  });

  it('delivered with no other scan: transit 0 days; INFO_RECEIVED and unmapped events do not count', () => {
    const s = single('loggi', 'LG0001');
    const input: OracleInput = {
      shipments: [s],
      events: [
        ev('loggi', 'LG0001', 'INFO_RECEIVED', '2026-10-30T00:00:00Z'),
        ev('loggi', 'LG0001', null, '2026-10-31T00:00:00Z'),
        ev('loggi', 'LG0001', 'DELIVERED', '2026-11-04T10:00:00Z'),
      ],
    };
    const f = shipmentFacts(input, s, AS_OF);
    expect(f).toEqual({
      firstScanAt: T('2026-11-04T10:00:00Z'),
      deliveredAt: T('2026-11-04T10:00:00Z'),
      transitDays: 0,
      customsStartAt: null,
      customsReleasedAt: null,
      customsHoldHours: null,
      exportCustomsStartAt: null,
      exportCustomsReleasedAt: null,
      exportCustomsHoldHours: null,
      firstAttemptAt: T('2026-11-04T10:00:00Z'),
      firstAttemptDelivered: true,
      onTime: null,
      lastEventAt: T('2026-11-04T10:00:00Z'),
      maxSilenceHours: null,
      terminal: true,
    });
  });

  it('pickup after a failed attempt: the first attempt failed, delivered at the pickup', () => {
    const s = single('correios', 'NC0001BR', { promisedBy: '2026-11-08T07:00:00-03:00' });
    const input: OracleInput = {
      shipments: [s],
      events: [
        ev('correios', 'NC0001BR', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('correios', 'NC0001BR', 'DELIVERY_FAILED', '2026-11-06T10:00:00Z'),
        ev('correios', 'NC0001BR', 'AVAILABLE_FOR_PICKUP', '2026-11-06T15:00:00Z'),
        ev('correios', 'NC0001BR', 'DELIVERED', '2026-11-08T10:00:00Z'),
      ],
    };
    const f = shipmentFacts(input, s, AS_OF);
    expect(f.firstAttemptAt).toBe(T('2026-11-06T10:00:00Z'));
    expect(f.firstAttemptDelivered).toBe(false);
    expect(f.deliveredAt).toBe(T('2026-11-08T10:00:00Z'));
    expect(f.transitDays).toBe(178 / 24); // 7 d 10 h
    expect(f.onTime).toBe(true); // promisedBy is exactly the delivery instant: ≤
    expect(f.maxSilenceHours).toBe(130); // 11-01T00 → 11-06T10
  });

  it('several holds: the first start and the first release after it', () => {
    const s = single('correios', 'ND0001BR');
    const input: OracleInput = {
      shipments: [s],
      events: [
        ev('correios', 'ND0001BR', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('correios', 'ND0001BR', 'IMPORT_CUSTOMS_HELD', '2026-11-03T06:00:00Z'),
        ev('correios', 'ND0001BR', 'IMPORT_CUSTOMS_STARTED', '2026-11-03T00:00:00Z'),
        ev('correios', 'ND0001BR', 'IMPORT_CUSTOMS_RELEASED', '2026-11-04T00:00:00Z'),
        ev('correios', 'ND0001BR', 'IMPORT_CUSTOMS_HELD', '2026-11-05T00:00:00Z'),
        ev('correios', 'ND0001BR', 'IMPORT_CUSTOMS_RELEASED', '2026-11-07T00:00:00Z'),
        ev('correios', 'ND0001BR', 'EXPORT_CUSTOMS_HELD', '2026-11-01T12:00:00Z'),
        ev('correios', 'ND0001BR', 'EXPORT_CUSTOMS_CLEARED', '2026-11-02T00:00:00Z'),
      ],
    };
    const f = shipmentFacts(input, s, AS_OF);
    expect(f.customsStartAt).toBe(T('2026-11-03T00:00:00Z'));
    expect(f.customsReleasedAt).toBe(T('2026-11-04T00:00:00Z'));
    expect(f.customsHoldHours).toBe(24);
    expect(f.exportCustomsHoldHours).toBe(12);
    expect(f.terminal).toBe(false);
  });

  it('maxSilenceHours runs up to asOf when not delivered; terminal without delivery', () => {
    const s = single('dhl', 'DH0001');
    const r = single('dhl', 'DH0002');
    const input: OracleInput = {
      shipments: [s, r],
      events: [
        ev('dhl', 'DH0001', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('dhl', 'DH0001', 'ORIGIN_FACILITY', '2026-11-02T00:00:00Z'),
        ev('dhl', 'DH0001', 'INFO_RECEIVED', '2026-11-04T00:00:00Z'),
        ev('dhl', 'DH0002', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('dhl', 'DH0002', 'RETURNED', '2026-11-03T00:00:00Z'),
      ],
    };
    const f = shipmentFacts(input, s, '2026-11-05T00:00:00Z');
    expect(f.maxSilenceHours).toBe(72); // 11-02 → asOf 11-05
    expect(f.lastEventAt).toBe(T('2026-11-02T00:00:00Z'));
    expect(f.terminal).toBe(false);
    const fr = shipmentFacts(input, r, '2026-11-05T00:00:00Z');
    expect(fr.terminal).toBe(true);
    expect(fr.deliveredAt).toBeNull();
    expect(fr.transitDays).toBeNull();
    expect(fr.onTime).toBeNull();
  });

  it('duplicates (also written with another offset) are counted once', () => {
    const s = single('ups', '1Z0002');
    const input: OracleInput = {
      shipments: [s],
      events: [
        ev('ups', '1Z0002', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('ups', '1Z0002', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('ups', '1Z0002', 'DELIVERED', '2026-11-03T00:00:00Z'),
        ev('ups', '1Z0002', 'DELIVERED', '2026-11-03T08:00:00+08:00'),
      ],
    };
    expect(shipmentFacts(input, s, AS_OF).transitDays).toBe(2);
    const r = kpis(input, { from: '2026-11-01T00:00:00Z', to: '2026-11-10T00:00:00Z', groupBy: 'carrier', asOf: AS_OF });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].transit!.count).toBe(1);
    expect(r.rows[0].firstAttempt).toEqual({ attempted: 1, delivered: 1, rate: 1 });
  });
});

// ───────────────────────────── §2 three-leg chain ─────────────────────────────

const chainShipment: OracleShipment = {
  legs: [
    { carrier: 'cainiao', trackingNumber: 'LP001CN' },
    { carrier: 'correios', trackingNumber: 'NL001BR' },
    { carrier: 'loggi', trackingNumber: 'LG001' },
  ],
  origin: 'CN',
  destination: 'BR',
  serviceLevel: 'standard',
  promisedBy: '2026-11-30T23:59:59-03:00',
};

const chainInput: OracleInput = {
  shipments: [chainShipment],
  events: [
    ev('cainiao', 'LP001CN', 'INFO_RECEIVED', '2026-10-31T00:00:00Z'),
    ev('cainiao', 'LP001CN', 'ACCEPTED', '2026-11-01T08:00:00+08:00'), // 11-01T00Z
    ev('cainiao', 'LP001CN', 'EXPORT_CUSTOMS_STARTED', '2026-11-02T00:00:00Z'),
    ev('cainiao', 'LP001CN', 'EXPORT_CUSTOMS_CLEARED', '2026-11-02T06:00:00Z'),
    ev('cainiao', 'LP001CN', 'HANDED_OVER', '2026-11-03T00:00:00Z', { handover: { carrier: 'correios', trackingNumber: 'NL001BR' } }),
    ev('correios', 'NL001BR', 'ARRIVED_DESTINATION', '2026-11-04T00:00:00Z'),
    ev('correios', 'NL001BR', 'IMPORT_CUSTOMS_HELD', '2026-11-04T12:00:00Z'),
    ev('correios', 'NL001BR', 'IMPORT_CUSTOMS_RELEASED', '2026-11-06T12:00:00Z'),
    ev('correios', 'NL001BR', 'HANDED_OVER', '2026-11-07T00:00:00Z', { handover: { carrier: 'loggi', trackingNumber: 'LG001' } }),
    // the last mile scans before the hand-over arrives
    ev('loggi', 'LG001', 'DESTINATION_FACILITY', '2026-11-06T18:00:00Z'),
    ev('loggi', 'LG001', 'OUT_FOR_DELIVERY', '2026-11-08T00:00:00Z'),
    ev('loggi', 'LG001', 'DELIVERY_FAILED', '2026-11-08T10:00:00Z'),
    ev('loggi', 'LG001', 'DELIVERED', '2026-11-09T10:00:00Z'),
    // an unlinked leg (never handed over to): ignored by every shipment fact
    ev('loggi', 'LG999', 'DELIVERED', '2026-11-02T00:00:00Z'),
  ],
};

describe('three-leg hand-over chain (kpis.md §2)', () => {
  it('shipment facts span all legs', () => {
    const f = shipmentFacts(chainInput, chainShipment, AS_OF);
    expect(f.firstScanAt).toBe(T('2026-11-01T00:00:00Z'));
    expect(f.deliveredAt).toBe(T('2026-11-09T10:00:00Z'));
    expect(f.transitDays).toBe(202 / 24); // 8 d 10 h
    expect(f.customsHoldHours).toBe(48);
    expect(f.exportCustomsHoldHours).toBe(6);
    expect(f.firstAttemptDelivered).toBe(false);
    expect(f.onTime).toBe(true);
    expect(f.maxSilenceHours).toBe(48); // 11-04T12 → 11-06T12
    expect(f.terminal).toBe(true);
  });

  it('leg facts per carrier, onTime credited to the delivering leg only', () => {
    const legs = [0, 1, 2].map((i) => legFacts(chainInput, chainShipment, i, AS_OF));
    expect(legs.map((l) => l.carrier)).toEqual(['cainiao', 'correios', 'loggi']);
    expect(legs.map((l) => l.legStartAt)).toEqual([T('2026-11-01T00:00:00Z'), T('2026-11-04T00:00:00Z'), T('2026-11-06T18:00:00Z')]);
    expect(legs.map((l) => l.legEndAt)).toEqual([T('2026-11-03T00:00:00Z'), T('2026-11-07T00:00:00Z'), T('2026-11-09T10:00:00Z')]);
    expect(legs.map((l) => l.legTransitDays)).toEqual([2, 3, 64 / 24]);
    expect(legs.map((l) => l.customsHoldHours)).toEqual([null, 48, null]);
    expect(legs.map((l) => l.exportCustomsHoldHours)).toEqual([6, null, null]);
    expect(legs.map((l) => l.firstAttemptDelivered)).toEqual([null, null, false]);
    expect(legs.map((l) => l.onTime)).toEqual([null, null, true]);
  });

  it('kpis grouped by carrier use leg facts', () => {
    const r = kpis(chainInput, { from: '2026-11-01T00:00:00Z', to: '2026-11-10T00:00:00Z', groupBy: 'carrier', asOf: AS_OF });
    expect(r).toEqual({
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-10T00:00:00Z',
      groupBy: ['carrier'],
      rows: [
        {
          carrier: 'cainiao', corridor: null, serviceLevel: null,
          transit: { count: 1, meanDays: 2, stddevDays: null, varianceDays: null, p50Days: 2, p90Days: 2, p95Days: 2 },
          customsHold: null, firstAttempt: null, onTime: null,
        },
        {
          carrier: 'correios', corridor: null, serviceLevel: null,
          transit: { count: 1, meanDays: 3, stddevDays: null, varianceDays: null, p50Days: 3, p90Days: 3, p95Days: 3 },
          customsHold: { count: 1, meanHours: 48, p50Hours: 48, p90Hours: 48 },
          firstAttempt: null, onTime: null,
        },
        {
          carrier: 'loggi', corridor: null, serviceLevel: null,
          transit: { count: 1, meanDays: 64 / 24, stddevDays: null, varianceDays: null, p50Days: 64 / 24, p90Days: 64 / 24, p95Days: 64 / 24 },
          customsHold: null,
          firstAttempt: { attempted: 1, delivered: 0, rate: 0 },
          onTime: { delivered: 1, onTime: 1, rate: 1 },
        },
      ],
    });
  });

  it('kpis not grouped by carrier use shipment facts; a carrier filter selects that carrier\'s legs', () => {
    const base = { from: '2026-11-01T00:00:00Z', to: '2026-11-10T00:00:00Z', groupBy: 'corridor' as const, asOf: AS_OF };
    expect(kpis(chainInput, base).rows).toEqual([
      {
        carrier: null, corridor: 'CN-BR', serviceLevel: null,
        transit: { count: 1, meanDays: 202 / 24, stddevDays: null, varianceDays: null, p50Days: 202 / 24, p90Days: 202 / 24, p95Days: 202 / 24 },
        customsHold: { count: 1, meanHours: 48, p50Hours: 48, p90Hours: 48 },
        firstAttempt: { attempted: 1, delivered: 0, rate: 0 },
        onTime: { delivered: 1, onTime: 1, rate: 1 },
      },
    ]);
    expect(kpis(chainInput, { ...base, carrier: 'correios' }).rows).toEqual([
      {
        carrier: null, corridor: 'CN-BR', serviceLevel: null,
        transit: { count: 1, meanDays: 3, stddevDays: null, varianceDays: null, p50Days: 3, p90Days: 3, p95Days: 3 },
        customsHold: { count: 1, meanHours: 48, p50Hours: 48, p90Hours: 48 },
        firstAttempt: null,
        onTime: null,
      },
    ]);
    expect(kpis(chainInput, { ...base, carrier: 'dhl' }).rows).toEqual([]);
  });

  it('hand-over gaps per carrier pair (signed, hours)', () => {
    const g = handoverGaps(chainInput);
    expect(g.gaps.map((x) => [x.fromCarrier, x.toCarrier, x.gapHours])).toEqual([
      ['cainiao', 'correios', 24],
      ['correios', 'loggi', -6],
    ]);
    expect(g.pairs).toEqual([
      { fromCarrier: 'cainiao', toCarrier: 'correios', count: 1, meanHours: 24, p50Hours: 24, p90Hours: 24 },
      { fromCarrier: 'correios', toCarrier: 'loggi', count: 1, meanHours: -6, p50Hours: -6, p90Hours: -6 },
    ]);
  });

  it('refuses a leg that no HANDED_OVER links', () => {
    const broken: OracleInput = { shipments: [chainShipment], events: chainInput.events.filter((e) => e.milestone !== 'HANDED_OVER') };
    expect(() => shipmentFacts(broken, chainShipment, AS_OF)).toThrow(/no HANDED_OVER/);
  });

  it('refuses instants without an offset', () => {
    const s = single('ups', '1Z0003');
    const input: OracleInput = { shipments: [s], events: [ev('ups', '1Z0003', 'ACCEPTED', '2026-11-01T00:00:00')] };
    expect(() => shipmentFacts(input, s, AS_OF)).toThrow(/UTC offset/);
  });
});

// ───────────────────────────── §3–§5 grouping, windows, statistics ─────────────────────────────

const FROM = '2026-11-01T00:00:00Z';
const TO = '2026-11-11T00:00:00Z';

const s1 = single('correios', 'S1BR', { promisedBy: '2026-11-05T00:00:00Z' });
const s2 = single('correios', 'S2BR', { promisedBy: '2026-11-04T00:00:00Z' });
const s3 = single('correios', 'S3BR');
const s4 = single('dhl', 'S4MX', { origin: 'US', destination: 'MX', serviceLevel: 'express' });
const s5 = single('dhl', 'S5MX', { origin: 'US', destination: 'MX', serviceLevel: 'express', promisedBy: '2026-11-20T00:00:00Z' });
const s6 = single('dhl', 'S6XX', { origin: null, destination: null, serviceLevel: 'express', promisedBy: '2026-11-10T00:00:00Z' });
const s7 = single('dpd', 'S7FR', { origin: 'DE', destination: 'FR' });
const s8 = single('dpd', 'S8MX', { origin: 'CN', destination: 'MX', serviceLevel: 'economy' });
const s9 = single('correios', 'S9BR', { origin: 'JP' });

const fleet: OracleInput = {
  shipments: [s1, s2, s3, s4, s5, s6, s7, s8, s9],
  events: [
    // CN-BR standard, correios: transit 2, 4, 10 days
    ev('correios', 'S1BR', 'ACCEPTED', '2026-11-01T00:00:00Z'),
    ev('correios', 'S1BR', 'DELIVERED', '2026-11-03T00:00:00Z'),
    ev('correios', 'S1BR', 'DELIVERED', '2026-11-03T08:00:00+08:00'), // duplicate
    ev('correios', 'S2BR', 'ACCEPTED', '2026-11-01T00:00:00Z'),
    ev('correios', 'S2BR', 'ACCEPTED', '2026-11-01T00:00:00Z'), // duplicate
    ev('correios', 'S2BR', 'DELIVERED', '2026-11-05T00:00:00Z'),
    ev('correios', 'S3BR', 'ACCEPTED', '2026-10-25T00:00:00Z'),
    ev('correios', 'S3BR', 'DELIVERY_FAILED', '2026-11-03T00:00:00Z'),
    ev('correios', 'S3BR', 'DELIVERED', '2026-11-04T00:00:00Z'),
    // US-MX express, dhl: delivered exactly at `from` (in) ...
    ev('dhl', 'S4MX', 'ACCEPTED', '2026-10-30T00:00:00Z'),
    ev('dhl', 'S4MX', 'DELIVERED', '2026-10-31T21:00:00-03:00'),
    // ... and exactly at `to` (out), with a customs release inside the window
    ev('dhl', 'S5MX', 'ACCEPTED', '2026-11-09T00:00:00Z'),
    ev('dhl', 'S5MX', 'IMPORT_CUSTOMS_HELD', '2026-11-09T12:00:00Z'),
    ev('dhl', 'S5MX', 'IMPORT_CUSTOMS_RELEASED', '2026-11-10T12:00:00Z'),
    ev('dhl', 'S5MX', 'DELIVERED', '2026-11-10T21:00:00-03:00'),
    // no corridor, express, dhl: transit 1.5 days, on time
    ev('dhl', 'S6XX', 'ACCEPTED', '2026-11-02T00:00:00Z'),
    ev('dhl', 'S6XX', 'DELIVERED', '2026-11-03T12:00:00Z'),
    // DE-FR: everything before the window → absent
    ev('dpd', 'S7FR', 'ACCEPTED', '2026-09-01T00:00:00Z'),
    ev('dpd', 'S7FR', 'DELIVERED', '2026-09-05T00:00:00Z'),
    // CN-MX economy: scans only, nothing closes in the window → absent
    ev('dpd', 'S8MX', 'ACCEPTED', '2026-11-02T00:00:00Z'),
    ev('dpd', 'S8MX', 'EXPORT_CUSTOMS_STARTED', '2026-11-03T00:00:00Z'),
    ev('dpd', 'S8MX', 'EXPORT_CUSTOMS_CLEARED', '2026-11-03T05:00:00Z'),
    // JP-BR standard, correios: customs only (48 h), not delivered
    ev('correios', 'S9BR', 'ACCEPTED', '2026-11-02T00:00:00Z'),
    ev('correios', 'S9BR', 'IMPORT_CUSTOMS_STARTED', '2026-11-04T00:00:00Z'),
    ev('correios', 'S9BR', 'IMPORT_CUSTOMS_RELEASED', '2026-11-06T00:00:00Z'),
  ],
};

// hand-computed groups
const cnBr = {
  transit: { count: 3, meanDays: 16 / 3, stddevDays: Math.sqrt(52 / 3), varianceDays: 52 / 3, p50Days: 4, p90Days: 8.8, p95Days: 9.4 },
  customsHold: null,
  firstAttempt: { attempted: 3, delivered: 2, rate: 2 / 3 },
  onTime: { delivered: 2, onTime: 1, rate: 0.5 },
};
const jpBr = { transit: null, customsHold: { count: 1, meanHours: 48, p50Hours: 48, p90Hours: 48 }, firstAttempt: null, onTime: null };
const usMx = {
  transit: { count: 1, meanDays: 2, stddevDays: null, varianceDays: null, p50Days: 2, p90Days: 2, p95Days: 2 },
  customsHold: { count: 1, meanHours: 24, p50Hours: 24, p90Hours: 24 },
  firstAttempt: { attempted: 1, delivered: 1, rate: 1 },
  onTime: null,
};

/** toEqual with a tolerance of 1e-9 on every number (means/variances are sums of floats) */
function expectRows(actual: unknown, expected: unknown, path = 'rows'): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    if (Math.abs((actual as number) - expected) > 1e-9) {
      throw new Error(`${path}: expected ${expected}, got ${String(actual)}`);
    }
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    expect(actual).toEqual(expected);
    return;
  }
  expect(actual !== null && typeof actual === 'object').toBe(true);
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  expect(Object.keys(a).sort()).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) {
    expectRows(a[key], e[key], `${path}.${key}`);
  }
}

describe('kpis (kpis.md §3–§5)', () => {
  it('by corridor: shipment facts, [from, to) windows per family, absent groups, null families, no-corridor left out', () => {
    const r = kpis(fleet, { from: FROM, to: TO, groupBy: 'corridor', asOf: AS_OF });
    expect(r.groupBy).toEqual(['corridor']);
    expectRows(r.rows, [
      { carrier: null, corridor: 'CN-BR', serviceLevel: null, ...cnBr },
      { carrier: null, corridor: 'JP-BR', serviceLevel: null, ...jpBr },
      { carrier: null, corridor: 'US-MX', serviceLevel: null, ...usMx },
    ]);
  });

  it('by serviceLevel: the shipment without a corridor counts; percentiles on 2 values', () => {
    const r = kpis(fleet, { from: FROM, to: TO, groupBy: 'serviceLevel', asOf: AS_OF });
    expectRows(r.rows, [
      {
        carrier: null, corridor: null, serviceLevel: 'express',
        // s4: 2 days, s6: 1.5 days
        transit: { count: 2, meanDays: 1.75, stddevDays: Math.sqrt(0.125), varianceDays: 0.125, p50Days: 1.75, p90Days: 1.95, p95Days: 1.975 },
        customsHold: { count: 1, meanHours: 24, p50Hours: 24, p90Hours: 24 },
        firstAttempt: { attempted: 2, delivered: 2, rate: 1 },
        onTime: { delivered: 1, onTime: 1, rate: 1 },
      },
      {
        carrier: null, corridor: null, serviceLevel: 'standard',
        transit: cnBr.transit,
        customsHold: jpBr.customsHold,
        firstAttempt: cnBr.firstAttempt,
        onTime: cnBr.onTime,
      },
    ]);
  });

  it('by carrier: the shipment without a corridor counts for its carrier', () => {
    const r = kpis(fleet, { from: FROM, to: TO, groupBy: 'carrier', asOf: AS_OF });
    expect(r.rows.map((row) => row.carrier)).toEqual(['correios', 'dhl']);
    expect(r.rows[1].transit!.count).toBe(2);
    expect(r.rows[1].onTime).toEqual({ delivered: 1, onTime: 1, rate: 1 });
  });

  it('by carrier,corridor: no-corridor shipments left out', () => {
    const r = kpis(fleet, { from: FROM, to: TO, groupBy: 'carrier,corridor', asOf: AS_OF });
    expect(r.groupBy).toEqual(['carrier', 'corridor']);
    expectRows(r.rows, [
      { carrier: 'correios', corridor: 'CN-BR', serviceLevel: null, ...cnBr },
      { carrier: 'correios', corridor: 'JP-BR', serviceLevel: null, ...jpBr },
      { carrier: 'dhl', corridor: 'US-MX', serviceLevel: null, ...usMx },
    ]);
  });

  it('by corridor,serviceLevel with filters', () => {
    const r = kpis(fleet, { from: FROM, to: TO, groupBy: 'corridor,serviceLevel', serviceLevel: 'standard', asOf: AS_OF });
    expectRows(r.rows, [
      { carrier: null, corridor: 'CN-BR', serviceLevel: 'standard', ...cnBr },
      { carrier: null, corridor: 'JP-BR', serviceLevel: 'standard', ...jpBr },
    ]);
    // a corridor filter leaves the no-corridor shipment out: express has only s4 (and s5's customs)
    const usMxOnly = kpis(fleet, { from: FROM, to: TO, groupBy: 'serviceLevel', corridor: 'US-MX', asOf: AS_OF });
    expectRows(usMxOnly.rows, [{ carrier: null, corridor: null, serviceLevel: 'express', ...usMx }]);
    // carrier filter without carrier grouping
    const dhl = kpis(fleet, { from: FROM, to: TO, groupBy: 'serviceLevel', carrier: 'dhl', asOf: AS_OF });
    expect(dhl.rows.map((row) => [row.carrier, row.serviceLevel, row.transit!.count])).toEqual([[null, 'express', 2]]);
  });

  it('an event exactly at `to` is out, exactly at `from` is in', () => {
    // move the window one day: s4's delivery (11-01T00Z) is now exactly at `to`
    const r = kpis(fleet, { from: '2026-10-31T00:00:00Z', to: '2026-10-31T21:00:00-03:00', groupBy: 'corridor', asOf: AS_OF });
    expect(r.rows).toEqual([]);
    const r2 = kpis(fleet, { from: '2026-11-11T00:00:00+00:00', to: '2026-11-12T00:00:00Z', groupBy: 'corridor', asOf: AS_OF });
    expectRows(r2.rows, [
      {
        carrier: null, corridor: 'US-MX', serviceLevel: null,
        transit: { count: 1, meanDays: 2, stddevDays: null, varianceDays: null, p50Days: 2, p90Days: 2, p95Days: 2 },
        customsHold: null,
        firstAttempt: { attempted: 1, delivered: 1, rate: 1 },
        onTime: { delivered: 1, onTime: 1, rate: 1 },
      },
    ]);
  });

  it('an empty window has no rows', () => {
    expect(kpis(fleet, { from: '2027-01-01T00:00:00Z', to: '2027-02-01T00:00:00Z', groupBy: 'carrier', asOf: AS_OF }).rows).toEqual([]);
  });

  it('re-sending, shuffling and re-writing offsets changes nothing (property)', () => {
    const expected = kpis(fleet, { from: FROM, to: TO, groupBy: 'carrier,corridor', asOf: AS_OF });
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: fleet.events.length, maxLength: fleet.events.length }),
        fc.array(fc.integer({ min: 0, max: fleet.events.length - 1 }), { maxLength: 10 }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (order, repeats, offsetMinutes) => {
          const events = [...fleet.events, ...repeats.map((i) => fleet.events[i])].map((e) => ({ ...e, occurredAt: withOffset(e.occurredAt, offsetMinutes) }));
          const keyed = events.map((e, i) => ({ e, k: order[i % order.length] ?? 0, i }));
          keyed.sort((a, b) => a.k - b.k || a.i - b.i);
          const shuffled: OracleInput = { shipments: fleet.shipments, events: keyed.map((x) => x.e) };
          expect(kpis(shuffled, { from: FROM, to: TO, groupBy: 'carrier,corridor', asOf: AS_OF })).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});

/** the same instant written with another offset (minutes east of UTC) */
function withOffset(iso: string, offsetMinutes: number): string {
  const local = new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

describe('statistics (kpis.md §4)', () => {
  it('percentile_cont on 1 and 2 values', () => {
    expect([0.5, 0.9, 0.95].map((p) => percentileCont([7], p))).toEqual([7, 7, 7]);
    expect([0, 0.5, 0.9, 0.95, 1].map((p) => percentileCont([4, 2], p))).toEqual([2, 3, 2 + 0.9 * 2, 2 + 0.95 * 2, 4]);
    expect(percentileCont([], 0.5)).toBeNull();
  });

  it('sample variance: null for n = 1, (b − a)² / 2 for n = 2', () => {
    expect(sampleVariance([5])).toBeNull();
    expect(sampleVariance([])).toBeNull();
    expect(sampleVariance([2, 4])).toBe(2);
    expect(sampleVariance([2, 4, 10])).toBeCloseTo(52 / 3, 12);
    expect(mean([])).toBeNull();
  });

  it('percentiles stay between min and max and grow with p (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p, q) => {
        const lo = Math.min(...xs);
        const hi = Math.max(...xs);
        const a = percentileCont(xs, Math.min(p, q))!;
        const b = percentileCont(xs, Math.max(p, q))!;
        expect(a).toBeGreaterThanOrEqual(lo - 1e-6);
        expect(b).toBeLessThanOrEqual(hi + 1e-6);
        expect(b).toBeGreaterThanOrEqual(a - 1e-6);
      }),
    );
  });

  it('Wilson 95 % interval', () => {
    const w = wilsonInterval(8, 10)!;
    expect(w.lower).toBeCloseTo(0.4902, 4);
    expect(w.upper).toBeCloseTo(0.9433, 4);
    const w0 = wilsonInterval(0, 5)!;
    expect(w0.lower).toBe(0);
    expect(w0.upper).toBeCloseTo(0.4345, 4);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

// ───────────────────────────── §6 ─────────────────────────────

describe('beyond the basics (kpis.md §6)', () => {
  it('feed latency p50/p95 hours per carrier: mapped events with receivedAt, duplicates once', () => {
    const input: OracleInput = {
      shipments: [],
      events: [
        ev('x', 'X1', 'ACCEPTED', '2026-11-01T00:00:00Z', { receivedAt: '2026-11-01T02:00:00Z' }),
        ev('x', 'X1', 'ACCEPTED', '2026-11-01T00:00:00Z', { receivedAt: '2026-11-09T00:00:00Z' }), // duplicate: first copy kept
        ev('x', 'X1', 'ORIGIN_FACILITY', '2026-11-02T00:00:00Z', { receivedAt: '2026-11-02T04:00:00Z' }),
        ev('x', 'X1', 'DEPARTED_ORIGIN', '2026-11-03T00:00:00Z', { receivedAt: '2026-11-03T10:00:00Z' }),
        ev('x', 'X1', null, '2026-11-03T01:00:00Z', { receivedAt: '2026-11-09T00:00:00Z' }), // unmapped: out
        ev('x', 'X1', 'TRANSIT_HUB', '2026-11-04T00:00:00Z'), // no receivedAt: out
        ev('y', 'Y1', 'ACCEPTED', '2026-11-01T00:00:00Z'),
      ],
    };
    const rows = feedLatency(input);
    expect(rows.map((r) => [r.carrier, r.count, r.p50Hours])).toEqual([['x', 3, 4]]);
    expect(rows[0].p95Hours).toBeCloseTo(9.4, 12);
  });

  it('unmapped rate per carrier, with its Wilson interval', () => {
    const input: OracleInput = {
      shipments: [],
      events: [
        ev('y', 'Y1', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('y', 'Y1', 'ORIGIN_FACILITY', '2026-11-02T00:00:00Z'),
        ev('y', 'Y2', 'ACCEPTED', '2026-11-02T00:00:00Z'),
        ev('y', 'Y1', null, '2026-11-03T00:00:00Z'),
        ev('y', 'Y1', null, '2026-11-03T00:00:00Z'),
      ],
    };
    const [row] = unmappedRate(input);
    expect([row.carrier, row.events, row.unmapped, row.rate]).toEqual(['y', 4, 1, 0.25]);
    expect(row.interval.lower).toBeCloseTo(0.0456, 4);
    expect(row.interval.upper).toBeCloseTo(0.6994, 4);
  });

  const a = single('p', 'A', {});
  const b = single('p', 'B', {});
  const c = single('p', 'C', {});
  const d = single('p', 'D', {});
  const e = single('p', 'E', {});
  const f = single('p', 'F', {});
  const g = single('p', 'G', {});
  const watch: OracleInput = {
    shipments: [a, b, c, d, e, f, g],
    events: [
      ev('p', 'A', 'ACCEPTED', '2026-11-20T00:00:00Z'), // 11 days
      ev('p', 'B', 'ACCEPTED', '2026-11-21T00:00:00Z'), // exactly 10 days: not "older than"
      ev('p', 'C', 'ACCEPTED', '2026-09-01T00:00:00Z'),
      ev('p', 'C', 'DELIVERED', '2026-09-03T00:00:00Z'), // terminal
      ev('p', 'D', 'INFO_RECEIVED', '2026-09-01T00:00:00Z'), // no physical scan
      ev('p', 'E', 'ACCEPTED', '2026-11-01T00:00:00Z'),
      ev('p', 'E', 'INFO_RECEIVED', '2026-11-25T00:00:00Z'), // not physical
      ev('p', 'F', 'ACCEPTED', '2026-10-02T00:00:00Z'), // exactly 60 days
      ev('p', 'G', 'ACCEPTED', '2026-10-03T00:00:00Z'), // 59 days
      ev('p', 'G', null, '2026-11-30T00:00:00Z'), // unmapped: does not count as an event
    ],
  };

  it('silent shipments: not terminal, last physical event more than 10 days before asOf', () => {
    expect(silentShipments(watch, AS_OF).map((s) => [s.firstLeg.trackingNumber, s.daysSince])).toEqual([
      ['A', 11],
      ['E', 30],
      ['F', 60],
      ['G', 59],
    ]);
  });

  it('lost candidates: not terminal, no mapped event for 60 days', () => {
    expect(lostCandidates(watch, AS_OF).map((s) => [s.firstLeg.trackingNumber, s.daysSince])).toEqual([
      ['D', 91],
      ['F', 60],
    ]);
  });

  it('Kaplan–Meier transit: undelivered censored at asOf, from firstScanAt', () => {
    const ships = ['K1', 'K2', 'K3', 'K4', 'K5', 'K6'].map((tn) => single('k', tn));
    const input: OracleInput = {
      shipments: ships,
      events: [
        ev('k', 'K1', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('k', 'K1', 'DELIVERED', '2026-11-03T00:00:00Z'), // 2 d
        ev('k', 'K2', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('k', 'K2', 'DELIVERED', '2026-11-04T00:00:00Z'), // 3 d
        ev('k', 'K3', 'ACCEPTED', '2026-11-16T00:00:00Z'), // censored at 4 d
        ev('k', 'K4', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('k', 'K4', 'DELIVERED', '2026-11-06T00:00:00Z'), // 5 d
        ev('k', 'K5', 'ACCEPTED', '2026-11-01T00:00:00Z'),
        ev('k', 'K5', 'DELIVERED', '2026-11-09T00:00:00Z'), // 8 d
        ev('k', 'K6', 'INFO_RECEIVED', '2026-11-01T00:00:00Z'), // no firstScanAt: excluded
      ],
    };
    const km = kaplanMeierTransit(input, '2026-11-20T00:00:00Z');
    expect([km.observations, km.events, km.censored]).toEqual([5, 4, 1]);
    // S: 2 → 4/5, 3 → 3/5, 5 → 3/10, 8 → 0
    expect(km.curve.map((p) => [p.time, p.atRisk, p.events])).toEqual([[2, 5, 1], [3, 4, 1], [5, 2, 1], [8, 1, 1]]);
    const survival = km.curve.map((p) => p.survival);
    [0.8, 0.6, 0.3, 0].forEach((expected, i) => expect(survival[i]).toBeCloseTo(expected, 12));
    expect(km.median).toBe(5);
    expect(km.p90).toBe(8);
  });

  it('Kaplan–Meier quantiles: exact at S = 0.5 and S = 0.1; null when never reached', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((time) => ({ time, event: true }));
    expect(kaplanMeier(ten).median).toBe(5);
    expect(kaplanMeier(ten).p90).toBe(9);
    const open = kaplanMeier([{ time: 1, event: true }, { time: 2, event: true }, { time: 3, event: false }]);
    expect(open.median).toBe(2); // S(2) = 1/3
    expect(open.p90).toBeNull();
    const tie = kaplanMeier([{ time: 2, event: true }, { time: 2, event: false }, { time: 4, event: true }]);
    // censored at 2 is still at risk at 2: S(2) = 2/3, S(4) = 0
    expect(tie.curve.map((p) => [p.time, p.atRisk, p.events])).toEqual([[2, 3, 1], [4, 1, 1]]);
    expect(tie.median).toBe(4);
  });
});
