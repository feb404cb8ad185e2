import type { NotificationChannel, Silence } from '../api/alert-types';
import { columnsCsv, type CsvColumn } from '../shared/csv.util';

// Lists are joined with '|' so a cell stays one cell; an empty list means "every", as in the table.
const list = (values: readonly string[]) => values.join('|');

const CHANNEL_COLUMNS: readonly CsvColumn<NotificationChannel>[] = [
  { header: 'id', value: (channel) => channel.id },
  { header: 'name', value: (channel) => channel.name },
  { header: 'kind', value: (channel) => channel.kind },
  { header: 'target', value: (channel) => channel.target },
  { header: 'enabled', value: (channel) => String(channel.enabled) },
  { header: 'severities', value: (channel) => list(channel.severities) },
  { header: 'carriers', value: (channel) => list(channel.carriers) },
  { header: 'corridors', value: (channel) => list(channel.corridors) },
  { header: 'healthy', value: (channel) => String(channel.healthy) },
  { header: 'consecutive_failures', value: (channel) => channel.consecutiveFailures },
  { header: 'last_error', value: (channel) => channel.lastError },
  { header: 'last_success_at', value: (channel) => channel.lastSuccessAt },
];

export function channelsCsv(channels: readonly NotificationChannel[]): string {
  return columnsCsv(CHANNEL_COLUMNS, channels);
}

export function silenceState({ from, to }: Pick<Silence, 'from' | 'to'>, nowMs: number): 'ended' | 'scheduled' | 'active' {
  if (Date.parse(to) <= nowMs) {
    return 'ended';
  }
  return Date.parse(from) > nowMs ? 'scheduled' : 'active';
}

export function silencesCsv(silences: readonly Silence[], nowMs: number): string {
  return columnsCsv<Silence>(
    [
      { header: 'id', value: (silence) => silence.id },
      { header: 'reason', value: (silence) => silence.reason },
      { header: 'carrier', value: (silence) => silence.carrier },
      { header: 'corridor', value: (silence) => silence.corridor },
      { header: 'severity', value: (silence) => silence.severity },
      { header: 'policy_id', value: (silence) => silence.policyId },
      { header: 'from', value: (silence) => silence.from },
      { header: 'to', value: (silence) => silence.to },
      { header: 'state', value: (silence) => silenceState(silence, nowMs) },
      { header: 'created_by', value: (silence) => silence.createdBy },
    ],
    silences,
  );
}
