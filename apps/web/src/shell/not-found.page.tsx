import { Link, useLocation } from 'react-router';
import { dashboardSearch } from '../filters/dashboard-query.util';
import { HOME_PATH } from './navigation.constants';

export function NotFoundPage() {
  const location = useLocation();
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
            <Link to={{ pathname: HOME_PATH, search: dashboardSearch(location.search) }}>Go to the overview</Link>.
          </p>
        </section>
      </main>
    </>
  );
}
