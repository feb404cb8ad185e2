import { HOUR_MS } from '@lanewatch/domain';
import type { ChannelKind, NotificationChannel } from '../api/alert-types';
import { SLA_SEVERITIES } from '../api/sla-types';

export type ChannelDraft = {
  name: string;
  kind: ChannelKind;
  target: string;
  severities: string[];
  carriers: string;
  corridors: string;
};

export const EMPTY_CHANNEL_DRAFT: ChannelDraft = { name: '', kind: 'webhook', target: '', severities: [], carriers: '', corridors: '' };

// "correios, dhl" or one per line; the API checks each code and names the bad one.
export function splitList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function channelBody(draft: ChannelDraft): Record<string, unknown> {
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    ...(draft.kind === 'webhook' ? { url: draft.target.trim() } : { address: draft.target.trim() }),
    severities: SLA_SEVERITIES.filter((severity) => draft.severities.includes(severity)),
    carriers: splitList(draft.carriers),
    corridors: splitList(draft.corridors),
  };
}

export type SilenceDraft = {
  // <input type="datetime-local"> values, read as UTC (the dashboard shows UTC everywhere).
  from: string;
  to: string;
  carrier: string;
  corridor: string;
  severity: string;
  reason: string;
};

function localInput(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 16);
}

// A new silence starts now and lasts two hours, the usual length of a planned outage.
export function emptySilenceDraft(nowMs: number): SilenceDraft {
  return { from: localInput(nowMs), to: localInput(nowMs + 2 * HOUR_MS), carrier: '', corridor: '', severity: '', reason: '' };
}

// "2026-11-23T10:00" → "2026-11-23T10:00:00Z"; anything else is passed on for the API to name.
export function utcInstant(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00Z` : value;
}

export function silenceBody(draft: SilenceDraft): Record<string, unknown> {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    from: utcInstant(draft.from),
    to: utcInstant(draft.to),
    carrier: optional(draft.carrier),
    corridor: optional(draft.corridor),
    severity: optional(draft.severity),
    reason: draft.reason.trim(),
  };
}

export type FormErrors<F extends string> = { fields: Partial<Record<F, string[]>>; other: string[] };

// The API's sentences lead with the field's path (`url must be …`, `carriers.1 must be …`); each
// goes next to its field. `aliases` sends a body key to the form field that edits it.
export function errorsForFields<F extends string>({
  errors,
  fields,
  aliases = {},
}: {
  errors: readonly string[];
  fields: readonly F[];
  aliases?: Record<string, F>;
}): FormErrors<F> {
  const result: FormErrors<F> = { fields: {}, other: [] };
  for (const error of errors) {
    const key = /^([A-Za-z]+)\b/.exec(error)?.[1];
    const field = key === undefined ? undefined : (aliases[key] ?? (fields as readonly string[]).find((name) => name === key));
    if (field === undefined) {
      result.other.push(error);
    } else {
      const typed = field as F;
      result.fields[typed] = [...(result.fields[typed] ?? []), error];
    }
  }
  return result;
}

export function channelHealth(channel: Pick<NotificationChannel, 'healthy' | 'consecutiveFailures'>): string {
  if (channel.healthy) {
    return channel.consecutiveFailures === 0 ? 'healthy' : `healthy, ${channel.consecutiveFailures} failed in a row`;
  }
  return `unhealthy, ${channel.consecutiveFailures} failed in a row`;
}

type SilenceScope = { carrier: string | null; corridor: string | null; severity: string | null };

export function describeSilenceScope({ carrier, corridor, severity }: SilenceScope): string {
  return [carrier ?? 'all carriers', corridor ?? 'all corridors', severity ?? 'every severity'].join(' · ');
}
