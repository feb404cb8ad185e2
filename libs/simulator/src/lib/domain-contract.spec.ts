import { validateEvent } from '@lanewatch/domain';
import { planDeliveries } from './delivery.planner';
import { generateFeed } from './feed.generator';
import { eventIdentity } from '@lanewatch/crypto';

// Cross-check against the validator and dedup key the API really uses, so the simulator and
// Lanewatch cannot drift apart on what a valid event or a duplicate is.
describe('simulated feed against @lanewatch/domain', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const feed = generateFeed({ seed: 21, shipments: 400, now });
  const known = new Set(feed.carriers.map((carrier) => carrier.code));
  const context = (carrier: string) => ({ receivedAt: now, keyCarrier: carrier, isKnownCarrier: (code: string) => known.has(code), identityOf: eventIdentity });

  it('passes the API validator event by event', () => {
    const failures = feed.journeys.flatMap((journey) =>
      journey.legs.flatMap((leg) =>
        leg.events.flatMap((event) => {
          const result = validateEvent(event, context(leg.carrier));
          return result.ok ? [] : [{ event, errors: result.errors }];
        }),
      ),
    );
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('plans exactly uniqueCount distinct events under the API dedup key', () => {
    const plan = planDeliveries(feed, { seed: 4, batchSize: 400, duplicateRate: 0.05, offsetVariantRate: 0.02, shuffle: true });
    const identities = new Set<string>();
    for (const batch of plan.batches) {
      for (const event of batch.events) {
        const result = validateEvent(event, context(batch.carrier));
        if (!result.ok) throw new Error(result.errors.join('; '));
        identities.add(result.event.identity);
      }
    }
    expect(plan.totalEvents).toBeGreaterThan(plan.uniqueCount);
    expect(identities.size).toBe(plan.uniqueCount);
    expect(identities.size).toBe(feed.eventCount);
  });
});
