import { generateFeed, planDeliveries } from '@lanewatch/simulator';
import type { LanewatchApp } from './lanewatch-app';
import { postFeed } from './post-feed';
import { createPolicy, evaluate, firstAttemptPolicy, parcels, postEvents } from './sla-feed';

export interface DashboardSeed {
  carriers: string[];
  /** A journey of two or more legs: look up the last leg, expect the first leg's events. */
  handover: { firstMile: { carrier: string; trackingNumber: string }; lastMile: { carrier: string; trackingNumber: string } };
  /** A breach the admin acknowledges, and one left open for the viewer. */
  acknowledged: { policyName: string; failedParcel: string };
  open: { policyName: string };
  policyName: string;
  carrierApiKey: string;
  admin: { email: string; password: string };
  viewer: { email: string; password: string };
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function createUser(app: LanewatchApp, user: { email: string; password: string; role: 'admin' | 'viewer'; name: string }): Promise<void> {
  const response = await app.request('POST', '/api/v1/users', { body: user });
  if (response.status !== 201) throw new Error(`create user ${user.email}: ${response.status} ${JSON.stringify(response.body)}`);
}

/**
 * A simulated feed of the last two weeks (the scorecard's carriers and multi-leg journeys) plus two
 * hand-written carriers whose first attempts fail often enough to breach a policy at `now`.
 */
export async function seedDashboard(app: LanewatchApp, now: Date): Promise<DashboardSeed> {
  const feed = generateFeed({ seed: 20261123, shipments: 80, now, spanDays: 14 });
  const plan = planDeliveries(feed, { seed: 11, batchSize: 300, duplicateRate: 0, offsetVariantRate: 0, shuffle: false, lastMileFirst: false });
  await postFeed(app, feed, plan, { codeMapLast: false });
  const journey = feed.journeys.find((candidate) => candidate.legs.length >= 2 && candidate.legs.every((leg) => leg.events.length > 0));
  if (!journey) throw new Error('the simulated feed has no multi-leg journey; change the seed');

  const yesterday = utcDay(now.getTime() - 86_400_000);
  const { apiKey } = await app.createCarrier('e2e-post');
  await app.createCarrier('e2e-late');
  // e2e-late's parcels also clear import customs (2 h to 8 h holds, before the 10:00 attempt): its carrier page has a hold distribution.
  const customs = [2, 3, 5, 7, 8].flatMap((hours, index) => {
    const parcel = { carrier: 'e2e-late', trackingNumber: `EL${String(index + 1).padStart(4, '0')}` };
    return [
      { ...parcel, milestone: 'IMPORT_CUSTOMS_STARTED', occurredAt: `${yesterday}T01:00:00Z` },
      { ...parcel, milestone: 'IMPORT_CUSTOMS_RELEASED', occurredAt: `${yesterday}T${String(1 + hours).padStart(2, '0')}:00:00Z` },
    ];
  });
  await postEvents(app, [...parcels('e2e-post', 'EP', yesterday, { good: 2, bad: 4 }), ...parcels('e2e-late', 'EL', yesterday, { good: 1, bad: 4 }), ...customs]);
  await createPolicy(app, firstAttemptPolicy({ name: 'E2E post first attempt', carrier: 'e2e-post', severity: 'critical' }));
  await createPolicy(app, firstAttemptPolicy({ name: 'E2E late first attempt', carrier: 'e2e-late', severity: 'major' }));
  const result = await evaluate(app, now.toISOString());
  const opened = result.policies.flatMap((policy) => policy.scopes).filter((scope) => scope.breachStatus === 'open');
  if (opened.length < 2) throw new Error(`expected two open breaches, got ${JSON.stringify(result)}`);

  const admin = { email: 'morgan@lanewatch.test', password: 'correct horse battery staple', role: 'admin' as const, name: 'Morgan Admin' };
  const viewer = { email: 'vic@lanewatch.test', password: 'viewer password 2026!', role: 'viewer' as const, name: 'Vic Viewer' };
  await createUser(app, admin);
  await createUser(app, viewer);

  const first = journey.legs[0];
  const last = journey.legs[journey.legs.length - 1];
  return {
    carriers: feed.carriers.map((carrier) => carrier.code),
    handover: {
      firstMile: { carrier: first.carrier, trackingNumber: first.trackingNumber },
      lastMile: { carrier: last.carrier, trackingNumber: last.trackingNumber },
    },
    acknowledged: { policyName: 'E2E post first attempt', failedParcel: 'EP0003' },
    open: { policyName: 'E2E late first attempt' },
    policyName: 'E2E post first attempt',
    carrierApiKey: apiKey,
    admin,
    viewer,
  };
}
