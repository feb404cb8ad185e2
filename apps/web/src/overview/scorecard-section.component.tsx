import type { Scorecards } from '../api/api-types';
import { hasDeliveries } from '../scorecard/scorecard-state.util';
import { ScorecardTable } from '../scorecard/scorecard-table.component';
import type { ApiQueryState } from '../shared/use-api-query.hook';
import { formatUtcInstant } from '../shared/kpi-format.util';

type ScorecardSectionProps = { scorecards: ApiQueryState<Scorecards>; rangeLabel: string; selectedCarrier: string | null };

export function ScorecardSection({ scorecards, rangeLabel, selectedCarrier }: ScorecardSectionProps) {
  const { data, error, loading, retry } = scorecards;
  if (loading) {
    return (
      <section className="panel" aria-busy="true" aria-labelledby="scorecard-placeholder-heading">
        <h2 id="scorecard-placeholder-heading">Carrier scorecard</h2>
        <p className="panel__placeholder" role="status">
          Loading the scorecard…
        </p>
      </section>
    );
  }
  if (error !== null || data === null) {
    return (
      <div className="banner banner--error" role="alert">
        <p>
          <strong>Could not load the scorecard.</strong> {error ?? 'No answer from the API'}.
        </p>
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  const delivered = hasDeliveries(data);
  return (
    <>
      {delivered ? null : (
        <div className="banner banner--info" role="status">
          <p>
            <strong>No deliveries in this range.</strong>{' '}
            {data.carriers.length > 0
              ? 'Delivery figures stay empty; silent parcels and feed figures below are still current.'
              : 'No carrier has data yet; check the ingest health page or choose a longer range.'}
          </p>
        </div>
      )}
      {data.carriers.length > 0 ? (
        <ScorecardTable scorecards={data} rangeLabel={rangeLabel} selectedCarrier={selectedCarrier} />
      ) : null}
      {data.asOf !== null && data.carriers.length > 0 ? (
        <p className="page-main__footnote">Silent parcels and lost candidates as of {formatUtcInstant(data.asOf)}.</p>
      ) : null}
    </>
  );
}
