import type { DeliveryPlan, Feed } from '@lanewatch/simulator';
import type { LanewatchApp } from './lanewatch-app';

/**
 * Registers the feed's carriers and posts a delivery plan through the API. With codeMapLast the
 * code maps arrive after the events, so every code-only event is first stored unmapped and then
 * re-mapped: the derived data must end where it would have started.
 */
export async function postFeed(app: LanewatchApp, feed: Feed, plan: DeliveryPlan, options: { codeMapLast: boolean; idleTimeoutMs?: number }): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const carrier of feed.carriers) keys.set(carrier.code, (await app.createCarrier(carrier.code, carrier.kind)).apiKey);
  const putCodeMaps = async () => {
    for (const carrier of feed.carriers.filter((c) => c.codeMap)) {
      const response = await app.request('PUT', `/api/v1/carriers/${carrier.code}/code-map`, { body: { mappings: carrier.codeMap } });
      if (response.status !== 200) throw new Error(`code map of ${carrier.code}: ${response.status}`);
    }
  };
  if (!options.codeMapLast) await putCodeMaps();
  for (const batch of plan.batches) {
    const response = await app.request('POST', '/api/v1/events', { token: keys.get(batch.carrier), body: { events: batch.events } });
    if (response.status !== 202) throw new Error(`POST /events answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  if (options.codeMapLast) await putCodeMaps();
  await app.waitForIdle(options.idleTimeoutMs ?? 240_000);
  return keys;
}
