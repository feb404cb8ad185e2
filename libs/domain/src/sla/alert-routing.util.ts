import { BreachStatus } from './breach-transition.util';
import { SlaSeverity } from './sla-policy.schema';
import { MINUTE_MS } from '../time-units';

/** What a breach is routed and silenced by. */
export interface RoutableBreach {
  policyId: string;
  severity: SlaSeverity;
  carrier: string | null;
  corridor: string | null;
}

/** A channel's filters; an absent, null or empty list lets everything through. */
export interface ChannelFilters {
  severities?: readonly SlaSeverity[] | null;
  carriers?: readonly string[] | null;
  corridors?: readonly string[] | null;
}

export interface Silence {
  from: Date;
  to: Date;
  carrier?: string | null;
  corridor?: string | null;
  severity?: SlaSeverity | null;
  policyId?: string | null;
}

const passes = <T>(filter: readonly T[] | null | undefined, value: T | null) =>
  !filter || filter.length === 0 || (value !== null && filter.includes(value));

/**
 * Whether a channel takes a breach's alerts (sla.md §4). A breach of an aggregate policy (carrier or
 * corridor null) is about no one carrier or corridor, so a channel filtering on them does not take it.
 */
export function channelMatches(input: { channel: ChannelFilters; breach: RoutableBreach }): boolean {
  const { channel, breach } = input;
  return passes(channel.severities, breach.severity) && passes(channel.carriers, breach.carrier) && passes(channel.corridors, breach.corridor);
}

/**
 * Whether an alert is muted at `at`: some silence is in force (from ≤ at < to) and every field it
 * sets matches the breach. Muting only stops messages; the breach itself is still shown.
 */
export function isSilenced(input: { silences: readonly Silence[]; breach: RoutableBreach; at: Date }): boolean {
  const at = input.at.getTime();
  const { breach } = input;
  return input.silences.some(
    (silence) =>
      silence.from.getTime() <= at &&
      at < silence.to.getTime() &&
      (silence.carrier == null || silence.carrier === breach.carrier) &&
      (silence.corridor == null || silence.corridor === breach.corridor) &&
      (silence.severity == null || silence.severity === breach.severity) &&
      (silence.policyId == null || silence.policyId === breach.policyId),
  );
}

/**
 * Whether a reminder is due at asOf: only for an open breach (acknowledging stops reminders, sla.md
 * §3) and only once `intervalMinutes` have passed since the last message about it (the opening one
 * when none was sent since). A non-positive interval turns reminders off.
 */
export function reminderDue(input: { breach: { status: BreachStatus; openedAt: Date }; lastNotifiedAt: Date | null; intervalMinutes: number; asOf: Date }): boolean {
  if (input.breach.status !== 'open') return false;
  if (!(Number.isFinite(input.intervalMinutes) && input.intervalMinutes > 0)) return false;
  const since = (input.lastNotifiedAt ?? input.breach.openedAt).getTime();
  return input.asOf.getTime() - since >= input.intervalMinutes * MINUTE_MS;
}
