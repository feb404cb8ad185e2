export const VERDICT_WORDS: Record<string, string> = { complies: 'met', violates: 'missed', insufficient_data: 'too few parcels' };

/** A term's figure: a rate in per cent, anything else (days, hours) with two decimals; n/a without data. */
export function figure(value: number | null, metric: string): string {
  if (value === null) return 'n/a';
  return /rate/.test(metric) ? `${(value * 100).toFixed(1)} %` : value.toFixed(2);
}

/** The YYYY-MM `offset` months from `month` (UTC calendar months). */
export function monthAround(month: string, offset: number): string {
  const [year, index] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, index - 1 + offset, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
