// The one home of the time units, in milliseconds (epoch arithmetic in UTC: a day is always 24 hours here).
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
/** The rollups' finest bucket (kpis.md §3). */
export const QUARTER_HOUR_MS = 15 * MINUTE_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
