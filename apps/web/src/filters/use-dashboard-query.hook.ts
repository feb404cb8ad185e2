import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { applyDashboardQuery, type DashboardQuery, parseDashboardQuery, toSearchString } from './dashboard-query.util';

type LocationNotes = { urlProblems?: string[] };

export type DashboardQueryState = {
  query: DashboardQuery;
  // What was dropped from the link that opened the page; cleared by the next change.
  problems: string[];
  nowMs: number;
  update: (patch: Partial<DashboardQuery>) => void;
};

// The URL is the single source of the range and filters: a copied link opens the same view.
export function useDashboardQuery(): DashboardQueryState {
  const location = useLocation();
  const navigate = useNavigate();
  // One "now" per visit to the page, so presets do not shift under the user while it is open.
  const [nowMs] = useState(() => Date.now());
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const parsed = useMemo(() => parseDashboardQuery({ params, nowMs }), [params, nowMs]);

  // Writes the effective range into the URL (replacing, so Back still leaves the page), which
  // makes a bare or broken link shareable as what is on screen. A layout effect runs before the
  // browser can deliver a click: as a passive effect it could run after a click on another page's
  // link, and its replace (with this page's path) sent the user back here.
  const canonicalSearch = toSearchString(applyDashboardQuery(params, parsed.query));
  useLayoutEffect(() => {
    if (canonicalSearch !== toSearchString(params)) {
      const notes: LocationNotes = { urlProblems: parsed.problems };
      navigate({ pathname: location.pathname, search: canonicalSearch, hash: location.hash }, { replace: true, state: notes });
    }
  }, [canonicalSearch, params, parsed.problems, navigate, location.pathname, location.hash]);

  const update = useCallback(
    (patch: Partial<DashboardQuery>) => {
      const next = applyDashboardQuery(params, { ...parsed.query, ...patch });
      navigate({ pathname: location.pathname, search: toSearchString(next), hash: location.hash });
    },
    [params, parsed.query, navigate, location.pathname, location.hash],
  );

  const notes = (location.state ?? {}) as LocationNotes;
  const problems = parsed.problems.length > 0 ? parsed.problems : (notes.urlProblems ?? []);
  return { query: parsed.query, problems, nowMs, update };
}
