import { describe, expect, it } from '@jest/globals';
import { carrierScorecardFactory, emptyKpis } from '../api/api-types.factory';
import { slaPolicyFactory } from '../scorecard/sla-policy.factory';
import { kpiGroupRowFactory } from './kpi-group-row.factory';
import { KPI_TILES, kpiTargetTile, kpiTargetTiles } from './kpi-target-tiles.util';

function definition(id: string) {
  const found = KPI_TILES.find((tile) => tile.id === id);
  if (!found) {
    throw new Error(`no tile ${id}`);
  }
  return found;
}

const network = kpiGroupRowFactory({ carrier: null, corridor: null });
const firstAttempt = definition('firstAttemptRate');
const p95 = definition('transitP95');

// Factory carrier: first attempt 87.64 % (interval 85–90 %) over 801; transit p95 15 d over 812 legs.
const carrier = (code: string, overrides: Parameters<typeof carrierScorecardFactory>[0] = {}) =>
  carrierScorecardFactory({ carrier: code, name: code, ...overrides });

describe('kpiTargetTiles', () => {
  it('shows the five network figures the overview promises, in order', () => {
    const tiles = kpiTargetTiles({ network, carriers: [], lanes: [], policies: [] });
    expect(tiles.map(({ id, value }) => [id, value])).toEqual([
      ['onTimeRate', '93.7%'],
      ['firstAttemptRate', '87.6%'],
      ['transitP50', '8.9 d'],
      ['transitP95', '15.0 d'],
      ['customsHoldP50', '1.6 d'],
    ]);
  });

  it('shows dashes, never zeros, when the network has no data', () => {
    const tiles = kpiTargetTiles({ network: null, carriers: [], lanes: [], policies: [] });
    expect(tiles.every(({ missing, value }) => missing && value === '—')).toBe(true);
    expect(tiles[0].sample).toBe('no deliveries');
  });
});

describe('kpiTargetTile', () => {
  it('has no verdict and no summary without an enabled target on the metric', () => {
    const tile = kpiTargetTile({
      definition: p95,
      network,
      carriers: [carrier('a')],
      lanes: [],
      policies: [slaPolicyFactory({ carrier: 'a', enabled: false }), slaPolicyFactory({ carrier: 'a', metric: 'transit_p50_days' })],
    });
    expect(tile).toMatchObject({ verdict: null, carrierSummary: null, networkSummary: null });
  });

  it('counts carriers that miss their target out of those that have one', () => {
    const carriers = [carrier('a'), carrier('b'), carrier('c'), carrier('untargeted')];
    const policies = [
      slaPolicyFactory({ carrier: 'a', threshold: 14 }),
      slaPolicyFactory({ carrier: 'b', threshold: 14 }),
      slaPolicyFactory({ carrier: 'c', threshold: 16 }),
    ];
    const tile = kpiTargetTile({ definition: p95, network, carriers, lanes: [], policies });
    expect(tile.counts).toEqual({ meets: 1, atRisk: 0, misses: 2, noData: 0 });
    expect(tile.carrierSummary).toBe('2 of 3 carriers with a target miss it');
    expect(tile.verdict).toBe('bad');
  });

  it('applies a "*" policy to every carrier', () => {
    const tile = kpiTargetTile({ definition: p95, network, carriers: [carrier('a'), carrier('b')], lanes: [], policies: [slaPolicyFactory({ carrier: '*', threshold: 16 })] });
    expect(tile.counts.meets).toBe(2);
    expect(tile.carrierSummary).toBe('0 of 2 carriers with a target miss it');
    expect(tile.verdict).toBe('good');
  });

  it('is amber when a rate misses within its interval, and says at risk', () => {
    const policies = [slaPolicyFactory({ carrier: 'a', metric: 'first_attempt_rate', op: 'gte', threshold: 0.89, wilsonGuard: true })];
    const tile = kpiTargetTile({ definition: firstAttempt, network, carriers: [carrier('a')], lanes: [], policies });
    expect(tile.verdict).toBe('warning');
    expect(tile.carrierSummary).toBe('0 of 1 carrier with a target misses it · 1 at risk');
  });

  it('counts a carrier with a target but no figure as without data, not as meeting it', () => {
    const quiet = carrier('quiet', { kpis: emptyKpis() });
    const tile = kpiTargetTile({ definition: p95, network, carriers: [quiet], lanes: [], policies: [slaPolicyFactory({ carrier: 'quiet' })] });
    expect(tile.counts).toEqual({ meets: 0, atRisk: 0, misses: 0, noData: 1 });
    expect(tile.verdict).toBeNull();
    expect(tile.carrierSummary).toContain('1 without data');
  });

  it('judges a network-wide policy on the network figure itself', () => {
    const policy = slaPolicyFactory({ carrier: null, metric: 'transit_p95_days', threshold: 14, minSample: 30 });
    const tile = kpiTargetTile({ definition: p95, network, carriers: [], lanes: [], policies: [policy] });
    expect(tile.networkSummary).toBe('Network ≤ 14.0 d: misses it');
    expect(tile.carrierSummary).toBeNull();
    expect(tile.verdict).toBe('bad');
  });

  it('judges a network rate with the Wilson interval of its counts when the policy has the Wilson guard', () => {
    // 702 of 801 first attempts: interval about 85.2–89.8 %, so a 91 % target is missed beyond doubt.
    const policy = slaPolicyFactory({ carrier: null, metric: 'first_attempt_rate', op: 'gte', threshold: 0.91, wilsonGuard: true });
    expect(kpiTargetTile({ definition: firstAttempt, network, carriers: [], lanes: [], policies: [policy] }).verdict).toBe('bad');
    const closer = slaPolicyFactory({ carrier: null, metric: 'first_attempt_rate', op: 'gte', threshold: 0.89, wilsonGuard: true });
    expect(kpiTargetTile({ definition: firstAttempt, network, carriers: [], lanes: [], policies: [closer] }).verdict).toBe('warning');
    // Without the guard the evaluator breaches on the figure alone, and so does the tile.
    const unguarded = slaPolicyFactory({ carrier: null, metric: 'first_attempt_rate', op: 'gte', threshold: 0.89 });
    expect(kpiTargetTile({ definition: firstAttempt, network, carriers: [], lanes: [], policies: [unguarded] }).verdict).toBe('bad');
  });

  it("judges lane-scoped policies on their lane's figure, and ignores service-level ones", () => {
    // Lane CN-BR of a: transit p95 15 d (factory); lane CN-MX of a: 9 d.
    const lanes = [kpiGroupRowFactory({ carrier: 'a', corridor: 'CN-BR' }), kpiGroupRowFactory({ carrier: 'a', corridor: 'CN-MX', transit: { ...kpiGroupRowFactory().transit!, p95Days: 9 } })];
    const policies = [
      slaPolicyFactory({ carrier: 'a', corridor: 'CN-BR', threshold: 14 }),
      slaPolicyFactory({ carrier: 'a', corridor: 'CN-MX', threshold: 14 }),
      slaPolicyFactory({ carrier: null, serviceLevel: 'express', threshold: 1 }),
    ];
    const tile = kpiTargetTile({ definition: p95, network, carriers: [carrier('a')], lanes, policies });
    expect(tile.laneSummary).toBe('1 of 2 lanes with a target misses it');
    expect(tile.carrierSummary).toBeNull();
    expect(tile.verdict).toBe('bad');
  });

  it('fans a "*" corridor policy out over the carrier\'s lanes, and counts a named lane without traffic as without data', () => {
    const lanes = [kpiGroupRowFactory({ carrier: 'a', corridor: 'CN-BR' }), kpiGroupRowFactory({ carrier: 'a', corridor: 'CN-MX' })];
    const policies = [slaPolicyFactory({ carrier: 'a', corridor: '*', threshold: 16 }), slaPolicyFactory({ carrier: 'b', corridor: 'CN-FR', threshold: 16 })];
    const tile = kpiTargetTile({ definition: p95, network, carriers: [], lanes, policies });
    expect(tile.laneSummary).toBe('0 of 3 lanes with a target miss it · 1 without data');
    expect(tile.verdict).toBe('good');
  });

  it('judges lane and network customs targets on the p90, though the tile shows the p50', () => {
    // Factory: customs p50 38 h, p90 110.5 h. A p90 ≤ 100 h target is missed, though 38 h would meet it.
    const lane = kpiGroupRowFactory({ carrier: 'a', corridor: 'CN-BR' });
    const policies = [
      slaPolicyFactory({ carrier: 'a', corridor: 'CN-BR', metric: 'customs_hold_p90_hours', threshold: 100 }),
      slaPolicyFactory({ carrier: null, metric: 'customs_hold_p90_hours', threshold: 100 }),
    ];
    const tile = kpiTargetTile({ definition: definition('customsHoldP50'), network, carriers: [], lanes: [lane], policies });
    expect(tile.value).toBe('1.6 d');
    expect(tile.laneSummary).toBe('1 of 1 lane with a target misses it');
    expect(tile.networkSummary).toBe('Network ≤ 4.2 d: misses it');
    expect(tile.verdict).toBe('bad');
  });

  it('judges the customs tile against p90 targets and says so', () => {
    const tile = kpiTargetTile({
      definition: definition('customsHoldP50'),
      network,
      carriers: [carrier('a')],
      lanes: [],
      policies: [slaPolicyFactory({ carrier: 'a', metric: 'customs_hold_p90_hours', threshold: 100 })],
    });
    expect(tile.value).toBe('1.6 d');
    expect(tile.verdict).toBe('bad');
    expect(tile.targetNote).toBe('targets are on the p90');
  });
});
