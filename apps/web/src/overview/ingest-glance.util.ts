import type { NotificationChannel } from '../api/alert-types';
import type { HealthReport, IngestStatus } from '../api/api-types';
import { formatCount } from '../shared/kpi-format.util';

export type GlanceTone = 'neutral' | 'warning' | 'bad';

export type GlanceItem = { id: string; label: string; value: string; tone: GlanceTone; hint: string };

export type IngestGlance = { tone: GlanceTone; headline: string; items: GlanceItem[] };

const TONE_ORDER: Record<GlanceTone, number> = { neutral: 0, warning: 1, bad: 2 };

type GlanceInput = {
  // null: not answered (yet, or the request failed); the item says "unknown" rather than guess.
  status: IngestStatus | null;
  health: HealthReport | null;
  channels: readonly NotificationChannel[] | null;
};

const UNKNOWN = 'unknown';

// The few ingest figures that answer "is the feed flowing and is anything stuck?"; the ingest health
// page has the rest. A backlog is normal while batches arrive, so it only informs; failures and
// unreachable dependencies are red, unmapped codes (events left out of KPIs) amber.
export function ingestGlance({ status, health, channels }: GlanceInput): IngestGlance {
  const unhealthy = channels?.filter((channel) => channel.enabled && !channel.healthy) ?? null;
  const items: GlanceItem[] = [
    {
      id: 'services',
      label: 'PostgreSQL and Redis',
      value: health === null ? UNKNOWN : health.status === 'ok' ? 'reachable' : 'degraded',
      tone: health === null ? 'warning' : health.status === 'ok' ? 'neutral' : 'bad',
      hint: 'The API’s own health check.',
    },
    {
      id: 'pendingBatches',
      label: 'Queue backlog',
      value: status === null ? UNKNOWN : `${formatCount(status.pendingBatches)} ${status.pendingBatches === 1 ? 'batch' : 'batches'}`,
      tone: 'neutral',
      hint: 'Accepted, not processed yet; 0 means every event is in the KPIs.',
    },
    {
      id: 'failedBatches',
      label: 'Failed batches',
      value: status === null ? UNKNOWN : formatCount(status.failedBatches),
      tone: status !== null && status.failedBatches > 0 ? 'bad' : 'neutral',
      hint: 'Processing failed; check the worker logs.',
    },
    {
      id: 'unmappedEvents',
      label: 'Unmapped events',
      value: status === null ? UNKNOWN : formatCount(status.unmappedEvents),
      tone: status !== null && status.unmappedEvents > 0 ? 'warning' : 'neutral',
      hint: 'Raw codes without a milestone; left out of KPIs until mapped.',
    },
    {
      id: 'eventsStored',
      label: 'Events stored',
      value: status === null ? UNKNOWN : formatCount(status.eventsStored),
      tone: 'neutral',
      hint: `${status === null ? UNKNOWN : formatCount(status.duplicates)} duplicates stored once.`,
    },
    {
      id: 'unhealthyChannels',
      label: 'Failing alert channels',
      value: unhealthy === null ? UNKNOWN : formatCount(unhealthy.length),
      tone: unhealthy !== null && unhealthy.length > 0 ? 'bad' : 'neutral',
      hint: unhealthy !== null && unhealthy.length > 0 ? unhealthy.map(({ name }) => name).join(', ') : 'Webhooks and e-mail that keep failing.',
    },
  ];
  const tone = items.reduce<GlanceTone>((worst, item) => (TONE_ORDER[item.tone] > TONE_ORDER[worst] ? item.tone : worst), 'neutral');
  const headline = tone === 'bad' ? 'Needs action' : tone === 'warning' ? 'Worth a look' : 'Flowing normally';
  return { tone, headline, items };
}
