import { useCallback, useId, useMemo } from 'react';
import { fetchNetworkKpis } from '../api/api-client';
import type { KpiGroups, Scorecards } from '../api/api-types';
import { Link } from 'react-router';
import type { Breach, SlaPolicy } from '../api/sla-types';
import { formatMetricValue, formatThreshold } from '../breaches/breach-format.util';
import { applicableTargets, breachWhere, openBreachesOn, targetsInWords } from '../scorecard/applicable-targets.util';
import { useSession } from '../auth/session.context';
import type { Verdict } from '../scorecard/scorecard-columns.util';
import { QueryState } from '../shared/query-state.component';
import { type ApiQueryState, useApiQuery } from '../shared/use-api-query.hook';
import { KPI_TILES, kpiTargetTiles } from './kpi-target-tiles.util';

type KpiTargetTilesProps = {
  from: string;
  to: string;
  rangeLabel: string;
  scorecards: ApiQueryState<Scorecards>;
  lanes: ApiQueryState<KpiGroups>;
  policies: ApiQueryState<SlaPolicy[]>;
  openBreaches?: ApiQueryState<Breach[]>;
};

const TILE_CLASS: Record<Verdict, string> = { good: 'tile--good', warning: 'tile--warning', bad: 'tile--bad' };
const VERDICT_WORDS: Record<Verdict, string> = { good: 'All targets met', warning: 'At risk', bad: 'Target missed' };

export function KpiTargetTiles({ from, to, rangeLabel, scorecards, lanes, policies, openBreaches }: KpiTargetTilesProps) {
  const headingId = useId();
  const { token, onUnauthorized } = useSession();
  const load = useCallback((signal: AbortSignal) => fetchNetworkKpis({ token, signal, from, to }), [token, from, to]);
  const network = useApiQuery({ requestKey: `network|${from}|${to}`, load, onUnauthorized });
  // Targets need the per-carrier figures and the policies; until both answer the tiles show figures only.
  const tiles = useMemo(
    () =>
      network.data === null
        ? null
        : kpiTargetTiles({
            network: network.data.rows[0] ?? null,
            carriers: scorecards.data?.carriers ?? [],
            lanes: lanes.data?.rows ?? [],
            policies: policies.data ?? [],
          }),
    [network.data, scorecards.data, lanes.data, policies.data],
  );

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <h2 id={headingId}>Network KPIs against SLA targets</h2>
      </div>
      <p className="panel__note">
        Every shipment in {rangeLabel}. Below each figure: how the carriers and carrier × corridor lanes with an enabled SLA
        target on that metric stand against it over the same range (as coloured in the scorecard and the worst lanes), and
        any network-wide target. Breaches judge each policy over its own window.
        {policies.error !== null ? ` SLA targets could not be loaded: ${policies.error}.` : ''}
        {scorecards.error !== null ? ' Carrier figures could not be loaded, so their targets are not judged.' : ''}
        {lanes.error !== null ? ' Lane figures could not be loaded, so lane targets are not judged.' : ''}
      </p>
      <QueryState query={network} what="the network KPIs">
        {(data) =>
          tiles === null ? null : (
            <>
              {data.rows.length === 0 ? (
                <p className="panel__note" role="status">
                  No shipment was delivered, attempted or released from customs in this range: the figures are dashes, not zeros.
                </p>
              ) : null}
              <ul className="tile-grid kpi-target-tiles">
                {tiles.map((tile) => (
                  <li
                    key={tile.id}
                    className={`tile kpi-target-tile ${tile.verdict === null ? '' : TILE_CLASS[tile.verdict]}`}
                    data-tile={tile.id}
                    data-verdict={tile.verdict ?? undefined}
                  >
                    <span className="tile__label">{tile.label}</span>
                    <span className="tile__value">
                      {tile.missing ? (
                        <>
                          <span aria-hidden="true">{tile.value}</span>
                          <span className="visually-hidden">no data</span>
                        </>
                      ) : (
                        tile.value
                      )}
                    </span>
                    <span className="tile__hint">{tile.sample}</span>
                    <span className="kpi-target-tile__target">
                      {policies.loading || scorecards.loading || lanes.loading ? (
                        'Loading targets…'
                      ) : tile.carrierSummary === null && tile.laneSummary === null && tile.networkSummary === null ? (
                        'No enabled SLA target on this metric'
                      ) : (
                        <>
                          {tile.verdict !== null ? <strong>{VERDICT_WORDS[tile.verdict]}. </strong> : null}
                          {[tile.carrierSummary, tile.laneSummary, tile.networkSummary].filter((part) => part !== null).join('. ')}
                          {tile.targetNote !== null ? ` (${tile.targetNote})` : ''}
                        </>
                      )}
                    </span>
                    <TileBreachesAndTargets
                      metric={KPI_TILES.find((definition) => definition.id === tile.id)?.slaMetric ?? ''}
                      policies={policies.data ?? []}
                      breaches={openBreaches?.data ?? []}
                    />
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryState>
    </section>
  );
}

// Who breaks this metric's SLA now, on which lane (a badge per open breach), and every enabled target
// on the metric: carrier, lane and "*" (issue 15).
function TileBreachesAndTargets({ metric, policies, breaches }: { metric: string; policies: readonly SlaPolicy[]; breaches: readonly Breach[] }) {
  const open = openBreachesOn({ breaches, metric });
  const targets = applicableTargets({ policies, metric });
  return (
    <>
      {open.length > 0 ? (
        <ul className="kpi-target-tile__breaches" aria-label="Open breaches on this metric">
          {open.map((breach) => (
            <li key={breach.id} data-breach-badge="">
              <Link to={`/breaches/${encodeURIComponent(breach.id)}`} className={`severity severity--${breach.severity}`}>
                {breach.severity}
              </Link>{' '}
              {breachWhere(breach)}: {formatMetricValue(breach.metric, breach.value)} vs {formatThreshold(breach)}
            </li>
          ))}
        </ul>
      ) : null}
      {targets.length > 0 ? (
        <span className="tile__hint" data-field="targets">
          Targets: {targetsInWords(targets)}
        </span>
      ) : null}
    </>
  );
}
