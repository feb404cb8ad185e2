import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { useSession } from '../auth/session.context';
import { AlertsPage } from '../alerts/alerts.page';
import { BreachDetailPage } from '../breaches/breach-detail.page';
import { BreachesPage } from '../breaches/breaches.page';
import { CarrierDetailPage } from '../carriers/carrier-detail.page';
import { CarriersPage } from '../carriers/carriers.page';
import { CorridorsPage } from '../corridors/corridors.page';
import { ExceptionsPage } from '../exceptions/exceptions.page';
import { WatchlistPage } from '../exceptions/watchlist.page';
import { IngestHealthPage } from '../ingest-health/ingest-health.page';
import { OverviewPage } from '../overview/overview.page';
import { PoliciesPage } from '../policies/policies.page';
import { ReviewPage } from '../review/review.page';
import { ShipmentLookupPage } from '../shipments/shipment-lookup.page';
import { StatementPage } from '../statements/statement.page';
import { UsersPage } from '../users/users.page';
import { AppShell } from './app-shell.component';
import { homePathOf } from './navigation.constants';
import { NotFoundPage } from './not-found.page';

/**
 * The landing address sends the user to its home page. Outside the shell: <Navigate> redirects in a
 * passive effect, and had the shell's links been on screen in the same commit, a click delivered before
 * that effect ran (a slow CPU, CI 2026-12-06) was replaced by the redirect: the user landed on home, not
 * on the page it clicked. (A layout effect is no cure: it runs before the router listens on a first mount.)
 */
function RedirectHome() {
  const { search } = useLocation();
  const { carrier } = useSession();
  return <Navigate to={{ pathname: homePathOf(carrier), search }} replace />;
}

function IngestHealthRoute() {
  const { token, onUnauthorized } = useSession();
  return <IngestHealthPage token={token} onUnauthorized={onUnauthorized} />;
}

/** A carrier user's pages of its own carrier; another carrier's address is no page for it (the API refuses it anyway). */
function OwnCarrierOnly({ children }: { children: ReactNode }) {
  const { code = '' } = useParams();
  const { carrier } = useSession();
  return carrier === null || carrier === code ? children : <NotFoundPage />;
}

export function AppRoutes() {
  const { carrier } = useSession();
  if (carrier !== null) {
    return (
      <Routes>
        <Route index element={<RedirectHome />} />
        <Route element={<AppShell />}>
          <Route path="breaches" element={<BreachesPage />} />
          <Route path="breaches/:id" element={<BreachDetailPage />} />
          <Route path="carriers/:code" element={<OwnCarrierOnly><CarrierDetailPage /></OwnCarrierOnly>} />
          <Route path="carriers/:code/review/:month" element={<OwnCarrierOnly><ReviewPage /></OwnCarrierOnly>} />
          <Route path="carriers/:code/statements/:month" element={<OwnCarrierOnly><StatementPage /></OwnCarrierOnly>} />
          <Route path="exceptions" element={<ExceptionsPage />} />
          <Route path="watchlist" element={<WatchlistPage />} />
          <Route path="shipments" element={<ShipmentLookupPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    );
  }
  return (
    <Routes>
      <Route index element={<RedirectHome />} />
      <Route element={<AppShell />}>
        <Route path="overview" element={<OverviewPage />} />
        <Route path="breaches" element={<BreachesPage />} />
        <Route path="breaches/:id" element={<BreachDetailPage />} />
        <Route path="carriers" element={<CarriersPage />} />
        <Route path="carriers/:code" element={<CarrierDetailPage />} />
        <Route path="carriers/:code/review/:month" element={<ReviewPage />} />
        <Route path="carriers/:code/statements/:month" element={<StatementPage />} />
        <Route path="corridors" element={<CorridorsPage />} />
        <Route path="exceptions" element={<ExceptionsPage />} />
        <Route path="watchlist" element={<WatchlistPage />} />
        <Route path="shipments" element={<ShipmentLookupPage />} />
        <Route path="policies" element={<PoliciesPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="ingest-health" element={<IngestHealthRoute />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
