import { useCallback } from 'react';
import type { CarrierScorecard } from '../api/api-types';
import { fetchPolicies } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { applicableTargets, targetsInWords } from '../scorecard/applicable-targets.util';
import { useApiQuery } from '../shared/use-api-query.hook';
import type { Breach } from '../api/sla-types';
import { breachBadgeText, breachesOnFigure } from '../breaches/breach-ranking.util';
import { kpiTiles } from './carrier-detail.util';

// The SLA metrics each tile shows: an open breach on any of this carrier's lanes colours the tile (issue 15, point 2).
const TILE_METRICS: Record<string, readonly string[]> = {
  transitP50: ['transit_p50_days'],
  firstAttempt: ['first_attempt_rate'],
  onTime: ['on_time_rate'],
  customsHold: ['customs_hold_mean_hours', 'customs_hold_p90_hours'],
};

export function CarrierKpiTiles({ scorecard, openBreaches = [] }: { scorecard: CarrierScorecard; openBreaches?: readonly Breach[] }) {
  // Every target on the tile's metric for this carrier: its own, its lanes' and the "*" ones (issue 15).
  const { token, onUnauthorized } = useSession();
  const loadPolicies = useCallback((signal: AbortSignal) => fetchPolicies({ token, signal }), [token]);
  const policies = useApiQuery({ requestKey: 'carrier-tile-policies', load: loadPolicies, onUnauthorized }).data ?? [];
  return (
    <section className="panel" aria-labelledby="carrier-kpis-heading">
      <h2 id="carrier-kpis-heading">Key figures</h2>
      <p className="panel__note">From this carrier&apos;s own legs. Rates show their Wilson 95 % interval; n is the sample. A badge names an open breach on any of its lanes.</p>
      <ul className="tile-grid">
        {kpiTiles(scorecard).map((tile) => {
          const breaches = breachesOnFigure({ breaches: openBreaches, metrics: TILE_METRICS[tile.id] ?? [] });
          const targets = (TILE_METRICS[tile.id] ?? []).flatMap((metric) => applicableTargets({ policies, metric, carrier: scorecard.carrier }));
          return (
            <li key={tile.id} className={`tile carrier-tile ${breaches.length > 0 ? `tile--severity-${breaches[0].severity}` : ''}`} data-kpi={tile.id}>
              <span className="tile__label">{tile.label}</span>
              <span className="tile__value">
                {tile.value}
                {tile.missing ? <span className="visually-hidden"> (no data)</span> : null}
              </span>
              {tile.interval !== null ? <span className="tile__hint">{tile.interval}</span> : null}
              <span className="tile__hint">{tile.sample}</span>
              {breaches.map((breach) => (
                <span key={breach.id} className={`severity severity--${breach.severity} lane-breach-badge`} data-breach-badge>
                  {breachBadgeText(breach)}
                </span>
              ))}
              {targets.length > 0 ? (
                <span className="tile__hint" data-field="targets">
                  Targets: {targetsInWords(targets)}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
