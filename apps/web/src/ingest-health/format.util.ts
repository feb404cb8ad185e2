const countFormat = new Intl.NumberFormat(undefined);
// Axis ticks need to stay short ("4.8M"); tiles and tooltips show the exact figure.
const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 2 });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatCount(value: number): string {
  return countFormat.format(value);
}

export function formatClockTime(epochMs: number): string {
  return timeFormat.format(new Date(epochMs));
}

export function formatCompactCount(value: number): string {
  return compactFormat.format(value);
}
