import { Link, useLocation } from 'react-router';
import { dashboardSearch } from '../filters/dashboard-query.util';
import { useSession } from '../auth/session.context';
import { homePathOf } from './navigation.constants';

export function NotFoundPage() {
  const location = useLocation();
  const { carrier } = useSession();
  return (
    <>
      <title>Page not found — Lanewatch</title>
      <div className="page-header">
        <h1>Page not found</h1>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <section className="panel">
          <p>
            There is no dashboard page at <code>{location.pathname}</code>.{' '}
            <Link to={{ pathname: homePathOf(carrier), search: dashboardSearch(location.search) }}>{carrier === null ? 'Go to the overview' : 'Go to your scorecard'}</Link>.
          </p>
        </section>
      </main>
    </>
  );
}
