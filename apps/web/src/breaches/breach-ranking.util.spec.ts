import { describe, expect, it } from '@jest/globals';
import { breachFactory } from './breach.factory';
import { breachBadgeText, breachesOnFigure, breachGap, carrierLabel, formatDuration, formatGap, laneLabel, metricInWords, rankOpenBreaches, wrongSideFor } from './breach-ranking.util';

describe('breachGap and formatGap', () => {
  it('a rate below a ≥ target is short by points', () => {
    const breach = breachFactory({ metric: 'first_attempt_rate', op: 'gte', threshold: 0.85, value: 0.606 });
    expect(breachGap(breach)).toBeCloseTo(0.244, 9);
    expect(formatGap(breach)).toBe('24.4 pts below target');
  });

  it('a transit above a ≤ target is over by days', () => {
    expect(formatGap(breachFactory({ metric: 'transit_p90_days', op: 'lte', threshold: 14, value: 16.14 }))).toBe('2.1 d above target');
    expect(formatGap(breachFactory({ metric: 'customs_hold_p90_hours', op: 'lte', threshold: 48, value: 60 }))).toBe('12.0 h above target');
  });
});

describe('rankOpenBreaches', () => {
  it('puts severity first, then the widest gap relative to the target', () => {
    const minorHuge = breachFactory({ id: 'minor', severity: 'minor', threshold: 0.9, value: 0.1 });
    const criticalSmall = breachFactory({ id: 'critical-small', severity: 'critical', threshold: 0.9, value: 0.88 });
    const criticalBig = breachFactory({ id: 'critical-big', severity: 'critical', threshold: 0.9, value: 0.6 });
    // 2 days over a 4-day target (50 %) is wider than 6 points under 90 % (6.7 %).
    const majorTransit = breachFactory({ id: 'major-transit', severity: 'major', metric: 'transit_p90_days', op: 'lte', threshold: 4, value: 6 });
    const majorRate = breachFactory({ id: 'major-rate', severity: 'major', threshold: 0.9, value: 0.84 });
    expect(rankOpenBreaches([minorHuge, majorRate, criticalSmall, majorTransit, criticalBig]).map((breach) => breach.id)).toEqual([
      'critical-big',
      'critical-small',
      'major-transit',
      'major-rate',
      'minor',
    ]);
  });

  it('equal gaps: the one on the wrong side longer comes first', () => {
    const recent = breachFactory({ id: 'b', wrongSideSince: '2026-11-08T10:00:00.000Z' });
    const older = breachFactory({ id: 'a', wrongSideSince: '2026-11-07T10:00:00.000Z' });
    expect(rankOpenBreaches([recent, older]).map((breach) => breach.id)).toEqual(['a', 'b']);
  });
});

describe('formatDuration and wrongSideFor', () => {
  it('reads in at most two units, rounded down', () => {
    expect(formatDuration(30_000)).toBe('under a minute');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(3 * 3_600_000)).toBe('3 h');
    expect(formatDuration(3 * 3_600_000 + 20 * 60_000 + 59_000)).toBe('3 h 20 min');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000)).toBe('2 d 4 h');
  });

  it('counts from since when the metric has been on the wrong side, not from the opening', () => {
    const breach = breachFactory({ openedAt: '2026-11-08T12:00:00.000Z', wrongSideSince: '2026-11-08T09:30:00.000Z' });
    expect(wrongSideFor({ breach, nowMs: Date.parse('2026-11-08T12:45:00.000Z') })).toBe('3 h 15 min');
  });

  it('a client clock behind the server never shows a negative duration', () => {
    expect(wrongSideFor({ breach: breachFactory({ wrongSideSince: '2026-11-08T12:00:00.000Z' }), nowMs: Date.parse('2026-11-08T11:00:00.000Z') })).toBe('under a minute');
  });
});

describe('labels', () => {
  it('names the metric, the carrier and the lane in words', () => {
    expect(metricInWords('first_attempt_rate')).toBe('delivered at the first attempt');
    expect(metricInWords('some_new_metric')).toBe('some new metric');
    expect(carrierLabel({ carrier: 'laposte', carrierName: 'La Poste' })).toBe('La Poste');
    expect(carrierLabel({ carrier: 'laposte', carrierName: null })).toBe('laposte');
    expect(carrierLabel({ carrier: null, carrierName: null })).toBe('all carriers');
    expect(laneLabel({ corridor: 'CN-FR', serviceLevel: null })).toBe('CN-FR');
    expect(laneLabel({ corridor: null, serviceLevel: 'express' })).toBe('every corridor · express');
  });
});

describe('breachesOnFigure and breachBadgeText', () => {
  const lane = breachFactory({ id: 'lane', carrier: 'laposte', corridor: 'CN-FR', metric: 'first_attempt_rate', threshold: 0.85, value: 0.606 });
  const other = breachFactory({ id: 'other', corridor: 'CN-BE', metric: 'on_time_rate' });
  const resolved = breachFactory({ id: 'resolved', corridor: 'CN-FR', status: 'resolved' });

  it('a carrier-wide figure is judged by the breaches of every lane on its metric', () => {
    expect(breachesOnFigure({ breaches: [lane, other, resolved], metrics: ['first_attempt_rate'] }).map((breach) => breach.id)).toEqual(['lane']);
  });

  it("a lane's figure only by its own lane's breaches (or carrier-wide ones)", () => {
    expect(breachesOnFigure({ breaches: [lane], metrics: ['first_attempt_rate'], corridor: 'CN-FR' })).toHaveLength(1);
    expect(breachesOnFigure({ breaches: [lane], metrics: ['first_attempt_rate'], corridor: 'CN-BR' })).toHaveLength(0);
    const carrierWide = breachFactory({ corridor: null });
    expect(breachesOnFigure({ breaches: [carrierWide], metrics: ['first_attempt_rate'], corridor: 'CN-BR' })).toHaveLength(1);
  });

  it('says severity, lane, value and target', () => {
    expect(breachBadgeText(lane)).toBe('critical breach on CN-FR: 60.6 % vs ≥ 85.0 %');
  });
});
