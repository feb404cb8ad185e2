import { useCallback } from 'react';
import { Link } from 'react-router';
import { fetchBreaches } from '../api/dashboard-api';
import { SLA_SEVERITIES } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { breachListSearch } from '../breaches/breach-filters.util';
import { countBySeverity } from '../breaches/breach-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';

const HINTS = { critical: 'Pages someone.', major: 'Worth a message to the team.', minor: 'Keep an eye on it.' } as const;

// Open breaches are current state, not a range figure: the date range does not apply here.
export function OpenBreachesTiles() {
  const { token, onUnauthorized } = useSession();
  const load = useCallback((signal: AbortSignal) => fetchBreaches({ token, signal, status: 'open', carrier: null, corridor: null }), [token]);
  const breaches = useApiQuery({ requestKey: 'open', load, onUnauthorized });
  return (
    <section className="panel" aria-labelledby="open-breaches-heading">
      <div className="panel__header">
        <h2 id="open-breaches-heading">Open breaches by severity</h2>
        <Link to={{ pathname: '/breaches', search: breachListSearch({ status: 'open' }) }}>All open breaches</Link>
      </div>
      <QueryState query={breaches} what="the open breaches">
        {(data) => {
          const counts = countBySeverity(data);
          return (
            <ul className="tile-grid severity-tiles">
              {SLA_SEVERITIES.map((severity) => (
                <li key={severity} className={`tile ${counts[severity] > 0 ? `tile--severity-${severity}` : ''}`}>
                  <Link
                    className="tile__link"
                    to={{ pathname: '/breaches', search: breachListSearch({ status: 'open', severity }) }}
                    aria-label={`${counts[severity]} open ${severity} breaches`}
                  >
                    <span className="tile__label">{severity}</span>
                    <span className="tile__value">{counts[severity]}</span>
                    <span className="tile__hint">{HINTS[severity]}</span>
                  </Link>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
    </section>
  );
}
