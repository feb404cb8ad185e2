import { describe, expect, it } from '@jest/globals';
import { carrierScorecardFactory, emptyKpis } from '../api/api-types.factory';
import { NO_DATA } from '../shared/kpi-format.util';
import { formatScorecardCell, headerGroups, SCORECARD_COLUMNS, SCORECARD_TABLE_COLUMNS, type ScorecardColumn } from './scorecard-columns.util';

function column(id: string): ScorecardColumn {
  const found = SCORECARD_COLUMNS.find((candidate) => candidate.id === id);
  if (!found) {
    throw new Error(`no column ${id}`);
  }
  return found;
}

const locale = 'en-US';

describe('scorecard columns', () => {
  it('has unique ids and unique CSV headers', () => {
    const ids = SCORECARD_COLUMNS.map(({ id }) => id);
    const headers = SCORECARD_COLUMNS.flatMap(({ csv }) => csv.map(({ header }) => header));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(headers).size).toBe(headers.length);
  });

  it('covers every figure the scorecard promises', () => {
    expect(SCORECARD_COLUMNS.map(({ id }) => id)).toEqual([
      'carrier',
      'transitMean',
      'transitP50',
      'transitP95',
      'transitCount',
      'customsHoldP90',
      'firstAttemptRate',
      'firstAttemptCount',
      'onTimeRate',
      'onTimeCount',
      'feedLatencyP95',
      'unmappedRate',
      'silent',
      'lost',
      'censoredMedian',
    ]);
  });

  it('names an SLA metric on every column a policy can measure, and only there', () => {
    const measured = SCORECARD_COLUMNS.filter((candidate) => candidate.sla !== undefined).map(({ id, sla }) => [id, sla?.metric]);
    expect(measured).toEqual([
      ['transitMean', 'transit_mean_days'],
      ['transitP50', 'transit_p50_days'],
      ['transitP95', 'transit_p95_days'],
      ['customsHoldP90', 'customs_hold_p90_hours'],
      ['firstAttemptRate', 'first_attempt_rate'],
      ['onTimeRate', 'on_time_rate'],
      ['feedLatencyP95', 'feed_latency_p95_hours'],
      ['unmappedRate', 'unmapped_rate'],
    ]);
  });
});

describe('formatScorecardCell', () => {
  const row = carrierScorecardFactory();

  it('formats each kind with its unit', () => {
    expect(formatScorecardCell(column('transitP95'), row, locale).text).toBe('15.0 d');
    expect(formatScorecardCell(column('customsHoldP90'), row, locale).text).toBe('4.6 d');
    expect(formatScorecardCell(column('transitCount'), row, locale).text).toBe('812');
    expect(formatScorecardCell(column('silent'), row, locale).text).toBe('7');
  });

  it('shows a rate with its Wilson interval', () => {
    expect(formatScorecardCell(column('firstAttemptRate'), row, locale)).toEqual({
      text: '87.6%',
      interval: '85.0–90.0 %',
      detail: expect.stringMatching(/^n [\d,]+$/),
      missing: false,
    });
  });

  it('shows a dash, never 0, for a family with no data', () => {
    const quiet = carrierScorecardFactory({ kpis: emptyKpis(), feed: null, silence: null, censoredTransit: null });
    for (const candidate of SCORECARD_COLUMNS.filter(({ id }) => id !== 'carrier')) {
      expect(formatScorecardCell(candidate, quiet, locale)).toMatchObject({ text: NO_DATA, interval: null, missing: true });
    }
  });

  it('shows a dash for a null figure inside a family that has data', () => {
    const row = carrierScorecardFactory({
      kpis: { ...emptyKpis(), onTime: { delivered: 0, onTime: 0, rate: null, ci95: null } },
    });
    expect(formatScorecardCell(column('onTimeRate'), row, locale).text).toBe(NO_DATA);
    expect(formatScorecardCell(column('onTimeCount'), row, locale).text).toBe('0');
  });

  it('names the carrier and adds its code when the name differs', () => {
    expect(formatScorecardCell(column('carrier'), row, locale)).toMatchObject({ text: 'Correios', detail: 'correios' });
    const unnamed = carrierScorecardFactory({ carrier: 'dhl', name: 'dhl' });
    expect(formatScorecardCell(column('carrier'), unnamed, locale).detail).toBeNull();
  });

  it('says how many parcels the Kaplan–Meier median counted as censored', () => {
    expect(formatScorecardCell(column('censoredMedian'), row, locale)).toMatchObject({ text: '9.1 d', detail: '88 censored' });
  });
});

describe('headerGroups', () => {
  it('merges neighbouring columns of one group and keeps ungrouped columns apart', () => {
    expect(headerGroups(SCORECARD_TABLE_COLUMNS).map(({ label, span }) => [label, span])).toEqual([
      [null, 1],
      ['Transit', 3],
      ['Customs', 1],
      ['First attempt', 1],
      ['On time', 1],
      ['Feed', 2],
      [null, 1],
      [null, 1],
    ]);
  });

  it('shows the samples and lost candidates as detail lines, not columns, and still exports them', () => {
    const shown = SCORECARD_TABLE_COLUMNS.map(({ id }) => id);
    for (const id of ['transitCount', 'firstAttemptCount', 'onTimeCount', 'lost']) {
      expect(shown).not.toContain(id);
      expect(SCORECARD_COLUMNS.map((candidate) => candidate.id)).toContain(id);
    }
    const row = carrierScorecardFactory();
    expect(formatScorecardCell(column('transitMean'), row, locale).detail).toMatch(/^n [\d,]+$/);
    expect(formatScorecardCell(column('silent'), row, locale).detail).toMatch(/^[\d,]+ lost$/);
  });
});
