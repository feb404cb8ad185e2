import { createHmac } from 'node:crypto';
import { enabledNotificationChannels, insertBreachDeliveries, silencesAt, SqlRunner } from '@lanewatch/db';
import { AlertBreach, AlertInput, alertIdempotencyKey, channelMatches, isSilenced, SlaSeverity } from '@lanewatch/domain';

/**
 * A webhook channel's signing secret, derived from the server's secret key and the channel id (like
 * carrier webhook secrets): nothing stored reveals it, and the worker can always sign with it.
 */
export function deriveChannelSecret(secretKey: string, channelId: string): string {
  return `lwc_${createHmac('sha256', secretKey).update(`alert-channel:${channelId}`).digest('base64url')}`;
}

/**
 * Inserts one pending delivery per matching, unsilenced, enabled channel for a transition, in the
 * caller's transaction. The (channel, idempotency key) unique key makes a repeat a no-op. Returns
 * the ids of the rows inserted, to enqueue once the transaction commits, and the kinds of the
 * matching channels a silence kept it from (counted by the worker's metrics).
 */
export async function insertAlertDeliveries(
  runner: SqlRunner,
  input: { breach: AlertBreach; transition: 'opened' | 'resolved' | 'reminder'; reminder?: number; at: Date },
): Promise<{ ids: string[]; silencedKinds: string[] }> {
  const { breach } = input;
  const routable = { policyId: breach.policyId, severity: breach.severity as SlaSeverity, carrier: breach.carrier, corridor: breach.corridor };
  const channels = await enabledNotificationChannels(runner);
  const matching = channels.filter((channel) =>
    channelMatches({ channel: { severities: channel.severities as SlaSeverity[], carriers: channel.carriers, corridors: channel.corridors }, breach: routable }),
  );
  if (matching.length === 0) return { ids: [], silencedKinds: [] };
  const silences = await silencesAt(runner, input.at);
  if (
    isSilenced({
      silences: silences.map((s) => ({ from: new Date(s.starts_at), to: new Date(s.ends_at), carrier: s.carrier, corridor: s.corridor, severity: s.severity as SlaSeverity | null, policyId: s.policy_id })),
      breach: routable,
      at: input.at,
    })
  ) {
    return { ids: [], silencedKinds: matching.map((channel) => channel.kind) };
  }
  const alert: AlertInput =
    input.transition === 'reminder'
      ? { type: 'breach.reminder', reminder: input.reminder ?? 1, breach }
      : { type: input.transition === 'opened' ? 'breach.opened' : 'breach.resolved', breach };
  const key =
    input.transition === 'reminder' ? alertIdempotencyKey(breach.id, 'reminder', input.reminder ?? 1) : alertIdempotencyKey(breach.id, input.transition);
  const ids = await insertBreachDeliveries(runner, {
    channelIds: matching.map((channel) => channel.id),
    breachId: breach.id,
    transition: input.transition,
    reminder: input.reminder ?? 0,
    idempotencyKey: key,
    payload: alert,
  });
  return { ids, silencedKinds: [] };
}
