import { NavLink, Outlet, useLocation } from 'react-router';
import { describeIdentity } from '../auth/resolve-session.util';
import { useSession } from '../auth/session.context';
import { dashboardSearch } from '../filters/dashboard-query.util';
import { carrierNavigation, NAVIGATION_ITEMS } from './navigation.constants';

// Frame of every signed-in page: product name, navigation, who is signed in with which role, sign-out. Pages render their own
// heading and <main>.
export function AppShell() {
  const { signOut, identity, role, carrier } = useSession();
  const location = useLocation();
  // A carrier user sees its own pages only; the users page is the admins'.
  const items = carrier === null ? NAVIGATION_ITEMS.filter((item) => item.path !== '/users' || role === 'admin') : carrierNavigation(carrier, Date.now());
  // Moving between pages keeps the range and filters, so a comparison survives a detour.
  const search = dashboardSearch(location.search);
  return (
    <div className="page">
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <header className="app-bar">
        <p className="app-bar__product">Lanewatch</p>
        <nav aria-label="Main">
          <ul className="app-bar__nav">
            {items.map(({ path, label }) => (
              <li key={path}>
                <NavLink to={{ pathname: path, search }} end={carrier !== null} className="app-bar__link">
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <p className="app-bar__identity" data-testid="signed-in-as" title={describeIdentity(identity)}>
          <span className="app-bar__name">{describeIdentity(identity)}</span> <span className={`role-badge role-badge--${role}`}>{carrier === null ? role : `${role} · ${carrier}`}</span>
        </p>
        <button type="button" className="button--quiet app-bar__sign-out" onClick={signOut}>
          Sign out
        </button>
      </header>
      <Outlet />
    </div>
  );
}
