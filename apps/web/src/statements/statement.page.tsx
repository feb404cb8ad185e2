import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/session.context';
import { carrierPath } from '../carriers/carrier-detail.util';
import { figure, VERDICT_WORDS } from '../review/review-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { AuditSection, DisputeParcel, DisputesSection } from './statement-disputes.component';
import { fetchStatement, fetchStatementAudit, type StatementTerm, type StatementView } from './statements-api';

const MAX_PARCELS_SHOWN = 200;

// A carrier's statement of a month (contracts.md §3): consequences with their arithmetic, the parcels
// behind them (a carrier user disputes them here), disputes and their outcomes, the audit log.
export function StatementPage() {
  const { code = '', month = '' } = useParams();
  const { token, onUnauthorized } = useSession();
  const [version, setVersion] = useState(0);
  const load = useCallback((signal: AbortSignal) => fetchStatement({ token, signal, carrier: code, month }), [token, code, month]);
  const statement = useApiQuery({ requestKey: `${code}|${month}|${version}`, load, onUnauthorized });
  const loadAudit = useCallback((signal: AbortSignal) => fetchStatementAudit({ token, signal, carrier: code, month }), [token, code, month]);
  const audit = useApiQuery({ requestKey: `audit|${code}|${month}|${version}`, load: loadAudit, onUnauthorized });
  const refresh = () => setVersion((value) => value + 1);
  return (
    <>
      <title>{`Statement ${month} of ${code} — Lanewatch`}</title>
      <div className="page-header">
        <div>
          <p className="page-header__subtitle">
            <Link to={carrierPath(code)}>Scorecard of {code}</Link> · <Link to={`/carriers/${encodeURIComponent(code)}/review/${month}`}>Monthly review</Link>
          </p>
          <h1>
            Statement: {code}, {month}
          </h1>
        </div>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <QueryState query={statement} what={`the ${month} statement of ${code}`}>
          {(data) => <StatementSections view={data} onChanged={refresh} />}
        </QueryState>
        {audit.data ? <AuditSection entries={audit.data} /> : null}
      </main>
    </>
  );
}

function StatementSections({ view, onChanged }: { view: StatementView; onChanged: () => void }) {
  const { statement } = view;
  const currency = statement.currency ?? '';
  return (
    <>
      <section className="panel" aria-label="Totals">
        <h2>Totals</h2>
        <p data-testid="statement-status">Status: {view.revision === null ? view.status : `${view.status} (revision ${view.revision})`}</p>
        <p data-testid="statement-totals">
          {statement.totals.beforeCap} {currency} before the cap, {statement.totals.afterCap} {currency} after it.
        </p>
        <p className="page-header__subtitle">Invoice: {statement.invoice.arithmetic}</p>
      </section>
      {statement.terms.map((term) => (
        <TermSection key={term.term} term={term} currency={currency} view={view} onChanged={onChanged} />
      ))}
      <DisputesSection disputes={view.disputes} onChanged={onChanged} />
    </>
  );
}

function TermSection({ term, currency, view, onChanged }: { term: StatementTerm; currency: string; view: StatementView; onChanged: () => void }) {
  const { role, carrier } = useSession();
  const mayDispute = role === 'admin' || carrier === view.carrier;
  const disputed = new Set(view.disputes.filter((dispute) => dispute.status !== 'rejected').map((dispute) => dispute.trackingNumber));
  const misses = term.parcels.filter((parcel) => parcel.miss);
  return (
    <section className="panel" aria-label={`Term ${term.term}`}>
      <h2>{term.term}</h2>
      <p>
        {term.metric} {term.op} {term.threshold}: {figure(term.value, term.metric)} on {term.sample} parcels, {VERDICT_WORDS[term.verdict] ?? term.verdict}.
      </p>
      {term.consequence ? (
        <p data-testid={`consequence-${term.term}`}>
          {term.consequence.kind}: {term.consequence.amount} {currency} — {[...term.consequence.arithmetic, ...(term.consequence.note ? [term.consequence.note] : [])].join('; ')}
        </p>
      ) : (
        <p className="panel__placeholder">No consequence attached to this term.</p>
      )}
      <h3>Parcels that missed ({misses.length})</h3>
      <ul>
        {misses.slice(0, MAX_PARCELS_SHOWN).map((parcel) => (
          <li key={parcel.legId}>
            {parcel.trackingNumber}
            {parcel.amount ? ` — ${parcel.amount} ${currency}` : ''}{' '}
            {mayDispute && !disputed.has(parcel.trackingNumber) ? <DisputeParcel carrier={view.carrier} month={view.month} trackingNumber={parcel.trackingNumber} onDone={onChanged} /> : null}
          </li>
        ))}
      </ul>
      {term.excludedParcels.length > 0 ? (
        <>
          <h3>Left out by accepted disputes</h3>
          <ul>
            {term.excludedParcels.map((parcel) => (
              <li key={parcel.legId} data-testid={`excluded-${parcel.trackingNumber}`}>
                {parcel.trackingNumber} — excluded (dispute accepted)
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
