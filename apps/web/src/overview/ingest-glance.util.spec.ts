import { describe, expect, it } from '@jest/globals';
import { ingestThroughputAnswer } from '@lanewatch/domain';
import { channelFactory } from '../api/alert-types.factory';
import type { HealthReport, IngestStatus } from '../api/api-types';
import { ingestGlance } from './ingest-glance.util';

function statusFactory(overrides: Partial<IngestStatus> = {}): IngestStatus {
  return {
    pendingBatches: 0,
    processedBatches: 40,
    failedBatches: 0,
    eventsStored: 12000,
    duplicates: 30,
    unlinkedEvents: 0,
    unmappedEvents: 0,
    deadLetters: 0,
    derivationBacklog: 0,
    compactionBacklog: 0,
    ...overrides,
  };
}

function healthFactory(overrides: Partial<HealthReport> = {}): HealthReport {
  return { status: 'ok', postgres: { ok: true }, redis: { ok: true }, ...overrides };
}

const tones = (glance: ReturnType<typeof ingestGlance>) => Object.fromEntries(glance.items.map(({ id, tone }) => [id, tone]));

describe('ingestGlance', () => {
  it('reads as flowing normally when nothing needs attention', () => {
    const glance = ingestGlance({ status: statusFactory({ pendingBatches: 3 }), health: healthFactory(), channels: [channelFactory()] });
    expect(glance).toMatchObject({ tone: 'neutral', headline: 'Flowing normally' });
    expect(glance.items.find(({ id }) => id === 'pendingBatches')?.value).toBe('3 batches');
  });

  it('is red for failed batches', () => {
    const glance = ingestGlance({ status: statusFactory({ failedBatches: 2 }), health: healthFactory(), channels: [] });
    expect(glance.tone).toBe('bad');
    expect(tones(glance).failedBatches).toBe('bad');
  });

  it('is amber for unmapped events alone', () => {
    const glance = ingestGlance({ status: statusFactory({ unmappedEvents: 5 }), health: healthFactory(), channels: [] });
    expect(glance).toMatchObject({ tone: 'warning', headline: 'Worth a look' });
  });

  it('is red when a dependency is down', () => {
    expect(ingestGlance({ status: statusFactory(), health: healthFactory({ status: 'degraded' }), channels: [] }).tone).toBe('bad');
  });

  it('names the failing alert channels, ignoring disabled ones', () => {
    const channels = [
      channelFactory({ name: 'ops webhook', healthy: false }),
      channelFactory({ name: 'old mail', healthy: false, enabled: false }),
      channelFactory({ name: 'fine' }),
    ];
    const item = ingestGlance({ status: statusFactory(), health: healthFactory(), channels }).items.find(({ id }) => id === 'unhealthyChannels');
    expect(item).toMatchObject({ value: '1', tone: 'bad', hint: 'ops webhook' });
  });

  it('gives the last complete hour from the hourly counts, and the hour so far in the hint', () => {
    // The API's answer, built as the API builds it.
    const answer = ingestThroughputAnswer({
      fromMs: Date.parse('2026-11-02T09:00:00Z'),
      toMs: Date.parse('2026-11-02T11:00:00Z'),
      carrier: null,
      hours: [
        { hour: new Date('2026-11-02T09:00:00Z'), accepted: 1200, duplicates: 3, rejected: 0 },
        { hour: new Date('2026-11-02T10:00:00Z'), accepted: 40, duplicates: 0, rejected: 2 },
      ],
    });
    const glance = ingestGlance({
      status: statusFactory(),
      health: healthFactory(),
      channels: [],
      throughput: { answer, nowMs: Date.parse('2026-11-02T10:20:00Z') },
    });
    // The hour still filling and the one before, in the same words and with their clock times.
    expect(glance.items.find(({ id }) => id === 'recentHours')).toMatchObject({
      value: '40 accepted',
      tone: 'warning',
      hint: `10:00–10:20 UTC (this hour so far): 40 accepted, 2 rejected. 09:00–10:00 UTC (the hour before): ${(1200).toLocaleString()} accepted, 0 rejected. Rejected events are not stored.`,
    });
    expect(glance.tone).toBe('warning');
  });

  it('is amber for events rejected in the hour before', () => {
    const answer = ingestThroughputAnswer({
      fromMs: Date.parse('2026-11-02T09:00:00Z'),
      toMs: Date.parse('2026-11-02T11:00:00Z'),
      carrier: null,
      hours: [{ hour: new Date('2026-11-02T09:00:00Z'), accepted: 10, duplicates: 0, rejected: 4 }],
    });
    const glance = ingestGlance({ status: statusFactory(), health: healthFactory(), channels: [], throughput: { answer, nowMs: Date.parse('2026-11-02T10:00:00Z') } });
    expect(tones(glance).recentHours).toBe('warning');
    expect(glance.headline).toBe('Worth a look');
  });

  it('says unknown, never 0, for figures that did not arrive', () => {
    const glance = ingestGlance({ status: null, health: null, channels: null });
    expect(glance.items.every(({ value }) => value === 'unknown')).toBe(true);
    expect(glance.tone).toBe('warning');
  });
});
