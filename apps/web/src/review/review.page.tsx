import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../auth/session.context';
import { carrierPath } from '../carriers/carrier-detail.util';
import { metricWords, requirementWords } from '../policies/policy-words.util';
import { SHIPMENTS_PATH, shipmentLookupSearch } from '../shipments/shipment-link.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { downloadReviewFile, fetchReviewPack, type ReviewPack, type TermFigure } from './review-api';
import { figure, monthAround, VERDICT_WORDS } from './review-format.util';

// The monthly review pack of one carrier (contracts.md §4): the page, with its CSV and PDF.
export function ReviewPage() {
  const { code = '', month = '' } = useParams();
  const { token, onUnauthorized } = useSession();
  const navigate = useNavigate();
  const load = useCallback((signal: AbortSignal) => fetchReviewPack({ token, signal, carrier: code, month }), [token, code, month]);
  const pack = useApiQuery({ requestKey: `${code}|${month}`, load, onUnauthorized });
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);
  const download = (format: 'csv' | 'pdf') => {
    setDownloadProblem(null);
    downloadReviewFile({ token, carrier: code, month, format }).catch((error: unknown) => setDownloadProblem(error instanceof Error ? error.message : String(error)));
  };
  const go = (offset: number) => navigate(`/carriers/${encodeURIComponent(code)}/review/${monthAround(month, offset)}`);

  return (
    <>
      <title>{`Review ${month} of ${code} — Lanewatch`}</title>
      <div className="page-header">
        <div>
          <p className="page-header__subtitle">
            <Link to={carrierPath(code)}>Scorecard of {code}</Link>
          </p>
          <h1>
            Monthly review: {code}, {month}
          </h1>
          <p className="page-header__subtitle">Every contract term against the month before, breaches, the statement, and what drove the misses.</p>
        </div>
        <div className="panel__actions">
          <button type="button" className="button--quiet" onClick={() => go(-1)}>
            Previous month
          </button>
          <button type="button" className="button--quiet" onClick={() => go(1)}>
            Next month
          </button>
          <button type="button" onClick={() => download('csv')}>
            CSV
          </button>
          <button type="button" onClick={() => download('pdf')}>
            PDF
          </button>
        </div>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        {downloadProblem ? (
          <div className="banner banner--error" role="alert">
            <p>{downloadProblem}</p>
          </div>
        ) : null}
        <QueryState query={pack} what={`the review of ${code} for ${month}`}>
          {(data) => <ReviewSections pack={data} />}
        </QueryState>
      </main>
    </>
  );
}

const verdict = (term: TermFigure) => `${VERDICT_WORDS[term.verdict] ?? term.verdict} (n = ${term.sample})`;

function ReviewSections({ pack }: { pack: ReviewPack }) {
  const { current, previous } = pack.totals;
  return (
    <>
      <section className="panel" aria-label="Totals">
        <h2>Totals</h2>
        <p className="page-header__subtitle">
          Calendar months in {pack.timeZone}: {pack.from} to {pack.to}; figures as of {pack.asOf}.
        </p>
        <p data-testid="review-totals">
          {current.parcels} parcels ({previous.parcels} in {pack.previousMonth}); {current.late} late, {current.failedAttempts} failed attempts, {current.exceptions} exceptions.
        </p>
      </section>
      <section className="panel" aria-label="Contract terms">
        <h2>Contract terms</h2>
        {pack.terms.length === 0 ? <p className="panel__placeholder">No contract terms for this carrier.</p> : null}
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Term</th>
              <th scope="col">Target</th>
              <th scope="col">{pack.month}</th>
              <th scope="col">{pack.previousMonth}</th>
            </tr>
          </thead>
          <tbody>
            {pack.terms.map((term) => (
              <tr key={term.policyId}>
                <th scope="row">{term.name}</th>
                <td>{`${metricWords(term.metric)} ${requirementWords(term)}`}</td>
                <td>
                  {figure(term.current.value, term.metric)} — {verdict(term.current)}
                </td>
                <td>
                  {figure(term.previous.value, term.metric)} — {verdict(term.previous)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-label="Breaches">
        <h2>Breaches</h2>
        {pack.breaches.length === 0 ? <p className="panel__placeholder">No breach was active in the month.</p> : null}
        <ul>
          {pack.breaches.map((breach) => (
            <li key={breach.id}>
              <Link to={`/breaches/${breach.id}`}>{breach.policyName}</Link> ({breach.severity}, {breach.status}): lasted {breach.lastedHours} h, {breach.daysInMonth} days in the month
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-label="Statement">
        <h2>Consequences and statement</h2>
        {pack.statement === null ? (
          <p className="panel__placeholder">{pack.statementNote ?? 'No statement.'}</p>
        ) : (
          <>
            <p>
              Statement {pack.statement.status}: {pack.statement.totalBeforeCap} {pack.statement.currency} before the cap, {pack.statement.totalAfterCap} {pack.statement.currency} after it.
            </p>
            <ul>
              {pack.statement.lines.map((line) => (
                <li key={`${line.term}|${line.consequence}`}>
                  {line.term}: {line.amount} {pack.statement?.currency} ({line.arithmetic})
                </li>
              ))}
            </ul>
            <h3>Disputes</h3>
            {pack.statement.disputes.length === 0 ? <p className="panel__placeholder">No parcel was disputed.</p> : null}
            <ul>
              {pack.statement.disputes.map((dispute) => (
                <li key={dispute.trackingNumber}>
                  {dispute.trackingNumber}: {dispute.reason} — {dispute.status}
                  {dispute.note ? ` (${dispute.note})` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="panel" aria-label="Lanes behind the misses">
        <h2>Lanes behind the misses</h2>
        <ul>
          {pack.lanes.map((lane) => (
            <li key={lane.corridor ?? ''}>
              {lane.corridor ?? 'no lane'}: {lane.misses} misses ({lane.previousMisses} before) — {lane.late} late, {lane.failedAttempts} failed attempts, {lane.exceptions} exceptions of {lane.parcels}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-label="Reasons">
        <h2>Reasons for late and failed deliveries</h2>
        <ul>
          {pack.reasons.map((reason) => (
            <li key={`${reason.kind}|${reason.reason}`}>
              {reason.kind === 'late' ? 'Late' : 'Failed attempt'}: {reason.reason} — {reason.count} ({reason.previous} before)
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-label="Parcels that missed">
        <h2>Parcels that missed</h2>
        <ul>
          {pack.parcels.map((parcel) => (
            <li key={`${parcel.miss}|${parcel.trackingNumber}`}>
              <Link to={`${SHIPMENTS_PATH}${shipmentLookupSearch({ carrier: pack.carrier.code, trackingNumber: parcel.trackingNumber })}`}>{parcel.trackingNumber}</Link> {parcel.corridor ?? ''}:{' '}
              {parcel.miss}
              {parcel.reason ? `, ${parcel.reason}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
