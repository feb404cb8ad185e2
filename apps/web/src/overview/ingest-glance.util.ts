import type { NotificationChannel } from '../api/alert-types';
import type { HealthReport, IngestStatus } from '../api/api-types';
import { type HourSummary, type IngestThroughput, recentHours } from '../ingest-health/ingest-throughput.util';
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
  // Hourly counts covering the last complete hour and the current one, and when they were read.
  throughput?: { answer: IngestThroughput; nowMs: number } | null;
};

const UNKNOWN = 'unknown';

// "09:00": the same in every locale, beside an explicit "UTC".
function utcClock(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(11, 16);
}

// The few ingest figures that answer "is the feed flowing and is anything stuck?"; the ingest health
// page has the rest. A backlog is normal while batches arrive, so it only informs; failures and
// unreachable dependencies are red, unmapped codes (events left out of KPIs) amber.
const counts = (hour: HourSummary) => `${formatCount(hour.accepted)} accepted, ${formatCount(hour.rejected)} rejected`;

// The hour still filling and the one before, said the same way with their UTC clock times, so
// "0 in the last hour" never stands beside "37,540 this hour" unexplained (issue 15, point 10).
function recentHoursItem({ lastHour, thisHour, nowMs }: { lastHour: HourSummary | null; thisHour: HourSummary | null; nowMs: number | null }): GlanceItem {
  const rejected = (lastHour?.rejected ?? 0) + (thisHour?.rejected ?? 0);
  const parts = [
    thisHour === null || nowMs === null ? null : `${utcClock(thisHour.fromMs)}–${utcClock(nowMs)} UTC (this hour so far): ${counts(thisHour)}.`,
    lastHour === null ? null : `${utcClock(lastHour.fromMs)}–${utcClock(lastHour.toMs)} UTC (the hour before): ${counts(lastHour)}.`,
  ].filter((part): part is string => part !== null);
  return {
    id: 'recentHours',
    label: 'Events this hour',
    value: thisHour === null ? UNKNOWN : `${formatCount(thisHour.accepted)} accepted`,
    tone: rejected > 0 ? 'warning' : 'neutral',
    hint: parts.length === 0 ? 'Events accepted and rejected per UTC hour.' : `${parts.join(' ')} Rejected events are not stored.`,
  };
}

export function ingestGlance({ status, health, channels, throughput = null }: GlanceInput): IngestGlance {
  const unhealthy = channels?.filter((channel) => channel.enabled && !channel.healthy) ?? null;
  const { lastHour, thisHour } = throughput === null ? { lastHour: null, thisHour: null } : recentHours({ throughput: throughput.answer, nowMs: throughput.nowMs });
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
      id: 'deadLetters',
      label: 'Dead letters',
      value: status === null ? UNKNOWN : formatCount(status.deadLetters),
      tone: status !== null && status.deadLetters > 0 ? 'bad' : 'neutral',
      hint: 'Accepted events the database refused, set aside one by one; listed at /api/v1/ingest/dead-letters.',
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
    recentHoursItem({ lastHour, thisHour, nowMs: throughput?.nowMs ?? null }),
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
