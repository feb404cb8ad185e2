import { describe, expect, it } from '@jest/globals';
import type { NotificationChannel } from '../api/alert-types';
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
    ...overrides,
  };
}

function healthFactory(overrides: Partial<HealthReport> = {}): HealthReport {
  return { status: 'ok', postgres: { ok: true }, redis: { ok: true }, ...overrides };
}

function channelFactory(overrides: Partial<NotificationChannel> = {}): NotificationChannel {
  return {
    id: 'channel-1',
    name: 'ops webhook',
    kind: 'webhook',
    target: 'https://hooks.example.test/lanewatch',
    severities: [],
    carriers: [],
    corridors: [],
    enabled: true,
    healthy: true,
    consecutiveFailures: 0,
    lastError: null,
    lastSuccessAt: null,
    ...overrides,
  };
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

  it('says unknown, never 0, for figures that did not arrive', () => {
    const glance = ingestGlance({ status: null, health: null, channels: null });
    expect(glance.items.every(({ value }) => value === 'unknown')).toBe(true);
    expect(glance.tone).toBe('warning');
  });
});
