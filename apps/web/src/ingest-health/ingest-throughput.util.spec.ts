import { describe, expect, it } from '@jest/globals';
import { HOUR_MS, ingestThroughputAnswer } from '@lanewatch/domain';
import {
  hasThroughput,
  type IngestThroughput,
  parseIngestThroughput,
  recentHours,
  throughputCsv,
  throughputCsvFileName,
  throughputPoints,
  throughputWindow,
} from './ingest-throughput.util';

const at = (iso: string) => Date.parse(iso);

// The API's answer, built as the API builds it, with overrides per scenario.
function throughputFactory(overrides: Partial<IngestThroughput> = {}): IngestThroughput {
  const hour = (iso: string, accepted: number, duplicates: number, rejected: number) => ({ hour: new Date(iso), accepted, duplicates, rejected });
  const answer = ingestThroughputAnswer({
    fromMs: at('2026-11-02T08:00:00Z'),
    toMs: at('2026-11-02T11:00:00Z'),
    carrier: null,
    hours: [hour('2026-11-02T08:00:00Z', 0, 0, 0), hour('2026-11-02T09:00:00Z', 1200, 3, 7), hour('2026-11-02T10:00:00Z', 40, 0, 1)],
  });
  return { ...answer, ...overrides };
}

describe('throughputWindow', () => {
  it('ends with the hour holding now and spans 24 whole hours', () => {
    expect(throughputWindow({ nowMs: at('2026-11-02T10:17:42Z') })).toEqual({ fromMs: at('2026-11-01T11:00:00Z'), toMs: at('2026-11-02T11:00:00Z') });
  });

  it('treats the first instant of an hour as inside it', () => {
    expect(throughputWindow({ nowMs: at('2026-11-02T10:00:00Z'), hours: 2 })).toEqual({ fromMs: at('2026-11-02T09:00:00Z'), toMs: at('2026-11-02T11:00:00Z') });
  });
});

describe('parseIngestThroughput', () => {
  it('reads a complete answer', () => {
    expect(parseIngestThroughput(throughputFactory({ carrier: 'correios' }))).toEqual(throughputFactory({ carrier: 'correios' }));
  });

  it('names the field that is wrong', () => {
    const broken = { ...throughputFactory(), hours: [{ hour: '2026-11-02T08:00:00.000Z', accepted: '1', duplicates: 0, rejected: 0 }] };
    expect(() => parseIngestThroughput(broken)).toThrow('body.hours[0].accepted must be a number or null');
    expect(() => parseIngestThroughput({ ...throughputFactory(), totals: null })).toThrow('body.totals must be an object');
  });
});

describe('throughputPoints', () => {
  it('gives one point per hour, in order, with its start as a number for the time axis', () => {
    expect(throughputPoints(throughputFactory()).map(({ hourMs, rejected }) => [hourMs, rejected])).toEqual([
      [at('2026-11-02T08:00:00Z'), 0],
      [at('2026-11-02T09:00:00Z'), 7],
      [at('2026-11-02T10:00:00Z'), 1],
    ]);
  });
});

describe('hasThroughput', () => {
  it('is false only when every count of the window is zero', () => {
    expect(hasThroughput(throughputFactory())).toBe(true);
    expect(hasThroughput(throughputFactory({ totals: { accepted: 0, duplicates: 0, rejected: 1 } }))).toBe(true);
    expect(hasThroughput(throughputFactory({ totals: { accepted: 0, duplicates: 0, rejected: 0 } }))).toBe(false);
  });
});

describe('throughputCsv', () => {
  it('has one row per hour with the raw figures, zero hours included', () => {
    expect(throughputCsv(throughputFactory())).toBe(
      'hour_utc,accepted,duplicates_in_request,rejected\r\n' +
        '2026-11-02T08:00:00.000Z,0,0,0\r\n' +
        '2026-11-02T09:00:00.000Z,1200,3,7\r\n' +
        '2026-11-02T10:00:00.000Z,40,0,1\r\n',
    );
  });

  it('names the file after the carrier and the window', () => {
    expect(throughputCsvFileName(throughputFactory())).toBe('lanewatch-ingest-throughput-2026-11-02T08-2026-11-02T11.csv');
    expect(throughputCsvFileName(throughputFactory({ carrier: 'correios' }))).toBe('lanewatch-correios-ingest-throughput-2026-11-02T08-2026-11-02T11.csv');
  });
});

describe('recentHours', () => {
  it('picks the last complete hour and the one still filling', () => {
    expect(recentHours({ throughput: throughputFactory(), nowMs: at('2026-11-02T10:05:00Z') })).toEqual({
      lastHour: { fromMs: at('2026-11-02T09:00:00Z'), toMs: at('2026-11-02T10:00:00Z'), accepted: 1200, duplicates: 3, rejected: 7 },
      thisHour: { fromMs: at('2026-11-02T10:00:00Z'), toMs: at('2026-11-02T10:00:00Z') + HOUR_MS, accepted: 40, duplicates: 0, rejected: 1 },
    });
  });

  it('says nothing about hours an older answer does not cover', () => {
    const { lastHour, thisHour } = recentHours({ throughput: throughputFactory(), nowMs: at('2026-11-02T11:30:00Z') });
    expect(lastHour?.accepted).toBe(40);
    expect(thisHour).toBeNull();
  });
});
