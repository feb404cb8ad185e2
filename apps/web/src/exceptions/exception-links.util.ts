// Every count of the exception report is a link to the watchlist filtered to exactly its parcels.
export const WATCHLIST_PATH = '/watchlist';

export type ParcelKind = 'silent' | 'lost' | 'open_exception' | 'failed_attempt' | 'parcels' | 'exception' | 'failed' | 'late';

export const WATCH_KIND_LABELS: Record<ParcelKind, string> = {
  silent: 'Silent (no scan for over 10 days)',
  lost: 'Lost candidates (no event for 60 days)',
  open_exception: 'Open exceptions',
  failed_attempt: 'Failed attempts awaiting delivery',
  parcels: 'All parcels started in the window',
  exception: 'Exceptions',
  failed: 'Failed delivery attempts',
  late: 'Late deliveries',
};

export const CATEGORY_LABELS: Record<string, string> = {
  lost: 'Lost',
  destroyed: 'Destroyed',
  damaged: 'Damaged',
  returned: 'Returned',
  refused: 'Refused',
  address: 'Address problem',
  customs: 'Customs',
  weather: 'Weather',
  delay: 'Delay or missort',
  other: 'Other',
};

/** A reason code in words: RECIPIENT_ABSENT → "Recipient absent", exception:weather → "Exception: weather". */
export function reasonLabel(reason: string): string {
  if (reason === 'no_recorded_cause') return 'No recorded cause';
  if (reason === 'customs_hold') return 'Customs hold';
  const [head, tail] = reason.includes(':') ? reason.split(/:(.*)/s) : [null, reason];
  const words = (text: string) => {
    const lower = text.replace(/_/g, ' ').toLowerCase();
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  };
  if (head === 'exception') return `Exception: ${(CATEGORY_LABELS[tail] ?? tail).toLowerCase()}`;
  if (head === 'failed_attempt') return `Failed attempt: ${words(tail).toLowerCase()}`;
  return words(reason);
}

export type ParcelFilter = {
  kind: ParcelKind;
  carrier?: string;
  corridor?: string | null;
  from?: string;
  to?: string;
  category?: string;
  reason?: string;
};

/** The watchlist address of one count's parcels. */
export function watchlistHref(filter: ParcelFilter): string {
  const params = new URLSearchParams({ kind: filter.kind });
  for (const key of ['carrier', 'corridor', 'from', 'to', 'category', 'reason'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return `${WATCHLIST_PATH}?${params.toString()}`;
}

/** A rate change in percentage points, signed: "+16.7 pp", "−2.0 pp", "—" when unknown. */
export function formatRateChange(change: number | null): string {
  if (change === null) return '—';
  const points = Math.round(change * 1000) / 10;
  if (points === 0) return '±0.0 pp';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pp`;
}
