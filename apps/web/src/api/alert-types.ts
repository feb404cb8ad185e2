import { asArray, asRecord, type Fields, oneOf, optionalBoolean, optionalNumber, optionalText, text } from './parse.util';

// GET /notification-channels and /silences as the dashboard reads them (README "SLA policies and alerts").
export const CHANNEL_KINDS = ['webhook', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type NotificationChannel = {
  id: string;
  name: string;
  kind: ChannelKind;
  // The webhook URL or the e-mail address.
  target: string;
  severities: string[];
  carriers: string[];
  corridors: string[];
  enabled: boolean;
  healthy: boolean;
  consecutiveFailures: number;
  lastError: string | null;
  lastSuccessAt: string | null;
};

// Only a create answers with the webhook's signing secret; it is never readable again.
export type CreatedChannel = { channel: NotificationChannel; secret: string | null };

export type Silence = {
  id: string;
  from: string;
  to: string;
  carrier: string | null;
  corridor: string | null;
  severity: string | null;
  policyId: string | null;
  reason: string;
  createdBy: string | null;
};

function strings(record: Fields, key: string, path: string): string[] {
  const value = record[key];
  if (value === undefined || value === null) {
    return [];
  }
  return asArray(value, `${path}.${key}`).map((item, index) => {
    if (typeof item !== 'string') {
      throw new TypeError(`${path}.${key}[${index}] must be a string`);
    }
    return item;
  });
}

export function parseChannel(value: unknown, path = 'channel'): NotificationChannel {
  const record = asRecord(value, path);
  const kind = oneOf(record, 'kind', CHANNEL_KINDS, path);
  return {
    id: text(record, 'id', path),
    name: text(record, 'name', path),
    kind,
    target: text(record, kind === 'webhook' ? 'url' : 'address', path),
    severities: strings(record, 'severities', path),
    carriers: strings(record, 'carriers', path),
    corridors: strings(record, 'corridors', path),
    enabled: optionalBoolean(record, 'enabled', path) ?? true,
    healthy: optionalBoolean(record, 'healthy', path) ?? true,
    consecutiveFailures: optionalNumber(record, 'consecutiveFailures', path) ?? 0,
    lastError: optionalText(record, 'lastError', path),
    lastSuccessAt: optionalText(record, 'lastSuccessAt', path),
  };
}

export function parseChannels(body: unknown): NotificationChannel[] {
  return asArray(body, 'channels').map((item, index) => parseChannel(item, `channels[${index}]`));
}

export function parseCreatedChannel(body: unknown): CreatedChannel {
  const record = asRecord(body, 'channel');
  return { channel: parseChannel(record), secret: optionalText(record, 'secret', 'channel') };
}

export function parseSilence(value: unknown, path = 'silence'): Silence {
  const record = asRecord(value, path);
  return {
    id: text(record, 'id', path),
    from: text(record, 'from', path),
    to: text(record, 'to', path),
    carrier: optionalText(record, 'carrier', path),
    corridor: optionalText(record, 'corridor', path),
    severity: optionalText(record, 'severity', path),
    policyId: optionalText(record, 'policyId', path),
    reason: text(record, 'reason', path),
    createdBy: optionalText(record, 'createdBy', path),
  };
}

export function parseSilences(body: unknown): Silence[] {
  return asArray(body, 'silences').map((item, index) => parseSilence(item, `silences[${index}]`));
}
