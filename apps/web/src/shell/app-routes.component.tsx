import { Navigate, Route, Routes, useLocation } from 'react-router';
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
import { ShipmentLookupPage } from '../shipments/shipment-lookup.page';
import { AppShell } from './app-shell.component';
import { HOME_PATH } from './navigation.constants';
import { NotFoundPage } from './not-found.page';

function RedirectHome() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: HOME_PATH, search }} replace />;
}

function IngestHealthRoute() {
  const { token, onUnauthorized } = useSession();
  return <IngestHealthPage token={token} onUnauthorized={onUnauthorized} />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<RedirectHome />} />
        <Route path="overview" element={<OverviewPage />} />
        <Route path="breaches" element={<BreachesPage />} />
        <Route path="breaches/:id" element={<BreachDetailPage />} />
        <Route path="carriers" element={<CarriersPage />} />
        <Route path="carriers/:code" element={<CarrierDetailPage />} />
        <Route path="corridors" element={<CorridorsPage />} />
        <Route path="exceptions" element={<ExceptionsPage />} />
        <Route path="watchlist" element={<WatchlistPage />} />
        <Route path="shipments" element={<ShipmentLookupPage />} />
        <Route path="policies" element={<PoliciesPage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="ingest-health" element={<IngestHealthRoute />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
