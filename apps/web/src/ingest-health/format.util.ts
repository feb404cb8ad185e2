const countFormat = new Intl.NumberFormat(undefined);
// Axis ticks stay short in millions ("4.952M"); below that the exact figure fits, and compact
// notation would give neighbouring ticks the same label (38,192 and 38,199 both "38.2K").
const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 3 });

export function formatCount(value: number): string {
  return countFormat.format(value);
}

export function formatCompactCount(value: number): string {
  return Math.abs(value) < 1_000_000 ? countFormat.format(Math.round(value)) : compactFormat.format(value);
}
