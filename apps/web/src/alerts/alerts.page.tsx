import { useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/session.context';
import { toSearchString } from '../filters/dashboard-query.util';
import { ChannelsSection } from './channels-section.component';
import { SilencesSection } from './silences-section.component';

type OpenForm = 'channel' | 'silence' | null;

// `?form=channel` or `?form=silence` opens a form, so "add a silence" can be a link in a runbook.
export function AlertsPage() {
  const { canEdit } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [nowMs] = useState(() => Date.now());
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const requested = params.get('form');
  const open: OpenForm = canEdit && (requested === 'channel' || requested === 'silence') ? requested : null;

  const setForm = (form: OpenForm) => {
    const next = new URLSearchParams(params);
    if (form === null) {
      next.delete('form');
    } else {
      next.set('form', form);
    }
    navigate({ pathname: location.pathname, search: toSearchString(next) });
  };

  return (
    <>
      <title>Alerts — Lanewatch</title>
      <div className="page-header">
        <div>
          <h1>Alerts</h1>
          <p className="page-header__subtitle">
            {canEdit
              ? 'Where breach alerts go, and when they are muted.'
              : 'Read only: viewers cannot change notification channels or silences.'}
          </p>
        </div>
      </div>
      <main id="main-content" className="page-main" tabIndex={-1}>
        <ChannelsSection formOpen={open === 'channel'} onForm={(on) => setForm(on ? 'channel' : null)} />
        <SilencesSection formOpen={open === 'silence'} onForm={(on) => setForm(on ? 'silence' : null)} nowMs={nowMs} />
      </main>
    </>
  );
}
