import { describe, expect, it } from '@jest/globals';
import { breachFactory } from './breach.factory';
import {
  breachesCsv,
  countBySeverity,
  describeScope,
  evidenceCaption,
  evidenceCsv,
  formatEvidenceValue,
  formatMetricValue,
  formatThreshold,
  sortBreaches,
} from './breach-format.util';

describe('formatMetricValue', () => {
  it.each([
    ['first_attempt_rate', 0.842, '84.2 %'],
    ['transit_p95_days', 15.04, '15.0 d'],
    ['customs_hold_p90_hours', 110.5, '4.6 d'],
    ['customs_hold_p90_hours', 20.25, '20.3 h'],
    ['feed_latency_p95_hours', 392, '16.3 d'],
    ['first_attempt_rate', null, '—'],
  ] as const)('%s %s', (metric, value, expected) => {
    expect(formatMetricValue(metric, value)).toBe(expected);
  });

  it('states the threshold with its direction', () => {
    expect(formatThreshold({ metric: 'first_attempt_rate', op: 'gte', threshold: 0.9 })).toBe('≥ 90.0 %');
    expect(formatThreshold({ metric: 'transit_p95_days', op: 'lte', threshold: 12 })).toBe('≤ 12.0 d');
  });
});

describe('describeScope', () => {
  it('names aggregates as "all"', () => {
    expect(describeScope({ carrier: null, corridor: 'CN-BR', serviceLevel: null })).toBe('all carriers · CN-BR');
    expect(describeScope({ carrier: 'correios', corridor: null, serviceLevel: 'express' })).toBe('correios · all corridors · express');
  });
});

describe('countBySeverity and sortBreaches', () => {
  const breaches = [
    breachFactory({ id: 'a', severity: 'minor', openedAt: '2026-11-03T00:00:00.000Z' }),
    breachFactory({ id: 'b', severity: 'critical', openedAt: '2026-11-01T00:00:00.000Z' }),
    breachFactory({ id: 'c', severity: 'critical', openedAt: '2026-11-02T00:00:00.000Z' }),
  ];

  it('counts every severity, zero included', () => {
    expect(countBySeverity(breaches)).toEqual({ critical: 2, major: 0, minor: 1 });
  });

  it('puts the most urgent first, newest first within a severity', () => {
    expect(sortBreaches(breaches).map((breach) => breach.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('breachesCsv', () => {
  it('writes one row per breach with raw values, empty cells for nulls', () => {
    const csv = breachesCsv([breachFactory({ id: 'a', corridor: null })]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header.split(',')).toHaveLength(20);
    expect(row).toContain('a,critical,open,Correios first attempt,correios,,');
    expect(row).toContain(',0.842,');
  });
});

describe('formatEvidenceValue', () => {
  it('reads the unit from the reason', () => {
    expect(formatEvidenceValue({ reason: 'longest customs hold (hours)', value: 50 })).toBe('2.1 d');
    expect(formatEvidenceValue({ reason: 'longest transit (days)', value: 12.25 })).toBe('12.3 d');
    expect(formatEvidenceValue({ reason: 'failed first attempt', value: null })).toBe('—');
  });
});

describe('evidenceCaption', () => {
  const parcel = { carrier: 'laposte', trackingNumber: 'LP1', reason: 'failed first attempt', failureReason: 'RECIPIENT_ABSENT', value: 0.4, at: null };
  it('says how many of how many: "10 of 32"', () => {
    const evidence = { evaluatedAt: null, successes: 50, matching: 32, parcels: Array.from({ length: 10 }, (_, index) => ({ ...parcel, trackingNumber: `LP${index}` })) };
    expect(evidenceCaption({ metric: 'first_attempt_rate', sample: 82, evidence })).toBe(
      '10 of 32 failed first attempts in the window, the latest first; the CSV holds all 32.',
    );
  });

  it('falls back to the failures of the sample for breaches stored before the count', () => {
    const evidence = { evaluatedAt: null, successes: 196, matching: null, parcels: [parcel] };
    expect(evidenceCaption({ metric: 'first_attempt_rate', sample: 233, evidence })).toBe('1 of 37 failed first attempts in the window, the latest first; the CSV holds all 37.');
  });
});

describe('evidenceCsv', () => {
  it('writes each parcel with its raw value and instant', () => {
    expect(
      evidenceCsv([
        { carrier: 'e2e-post', trackingNumber: 'EP0003', reason: 'failed first attempt', failureReason: 'RECIPIENT_ABSENT', value: null, at: '2026-11-22T10:00:00Z' },
        { carrier: 'correios', trackingNumber: 'NL1BR', reason: 'slowest transit (days)', failureReason: null, value: 21.5, at: null },
      ]),
    ).toBe(
      'carrier,tracking_number,reason,failure_reason,value,at\r\ne2e-post,EP0003,failed first attempt,RECIPIENT_ABSENT,,2026-11-22T10:00:00Z\r\ncorreios,NL1BR,slowest transit (days),,21.5,\r\n',
    );
  });
});
