export type ChartSample = { at: number; eventsStored: number; duplicates: number };

// About two hours at one sample per 5 s before the history is thinned.
export const MAX_CHART_SAMPLES = 1440;

type AppendSampleInput = { samples: readonly ChartSample[]; sample: ChartSample; maxSamples?: number };

// The chart covers the whole time the page has been open, so instead of dropping the oldest
// samples we halve the resolution of the history whenever it outgrows the budget.
export function appendChartSample({
  samples,
  sample,
  maxSamples = MAX_CHART_SAMPLES,
}: AppendSampleInput): ChartSample[] {
  if (maxSamples < 2) {
    throw new RangeError('maxSamples must be at least 2');
  }
  const history = samples.length + 1 > maxSamples ? samples.filter((_, index) => index % 2 === 0) : samples;
  return [...history, sample];
}
