import { asArray, asRecord, oneOf, optionalNumber, requiredNumber, text } from '../api/parse.util';
import { columnsCsv, csvFileName } from '../shared/csv.util';

// GET /kpis/distribution: a metric's values over the window in display bins [from, to); null is open.
export type DistributionBin = { from: number | null; to: number | null; count: number };
export type DistributionUnit = 'hours' | 'days';
export type KpiDistribution = { metric: string; unit: DistributionUnit; from: string; to: string; count: number; bins: DistributionBin[] };

export function parseKpiDistribution(body: unknown): KpiDistribution {
  const record = asRecord(body, 'distribution');
  return {
    metric: text(record, 'metric', 'distribution'),
    unit: oneOf(record, 'unit', ['hours', 'days'] as const, 'distribution'),
    from: text(record, 'from', 'distribution'),
    to: text(record, 'to', 'distribution'),
    count: requiredNumber(record, 'count', 'distribution'),
    bins: asArray(record.bins, 'distribution.bins').map((value, index) => {
      const bin = asRecord(value, `distribution.bins[${index}]`);
      const path = `distribution.bins[${index}]`;
      return { from: optionalNumber(bin, 'from', path), to: optionalNumber(bin, 'to', path), count: requiredNumber(bin, 'count', path) };
    }),
  };
}

// The API's edges are the histogram edges nearest round numbers (within 1 %): label the round number.
function days(value: number): string {
  const rounded = value < 10 ? Math.round(value * 2) / 2 : Math.round(value);
  return `${rounded} d`;
}

export function edgeLabel(value: number, unit: DistributionUnit): string {
  if (unit === 'days') {
    return days(value);
  }
  return value < 47.5 ? `${Math.round(value)} h` : days(value / 24);
}

export function binLabel(bin: DistributionBin, unit: DistributionUnit): string {
  if (bin.from === null) {
    return `< ${edgeLabel(bin.to ?? 0, unit)}`;
  }
  if (bin.to === null) {
    return `≥ ${edgeLabel(bin.from, unit)}`;
  }
  return `${edgeLabel(bin.from, unit)}–${edgeLabel(bin.to, unit)}`;
}

export type DistributionBar = { label: string; count: number; share: number | null };

export function distributionBars(distribution: Pick<KpiDistribution, 'unit' | 'count' | 'bins'>): DistributionBar[] {
  return distribution.bins.map((bin) => ({
    label: binLabel(bin, distribution.unit),
    count: bin.count,
    share: distribution.count === 0 ? null : bin.count / distribution.count,
  }));
}

export function hasDistributionData(distribution: Pick<KpiDistribution, 'bins'>): boolean {
  return distribution.bins.some((bin) => bin.count > 0);
}

// Exact edges in the file (the labels round them), the window on every row.
export function distributionCsv({ carrier, distribution }: { carrier: string; distribution: KpiDistribution }): string {
  const unit = distribution.unit;
  return columnsCsv<DistributionBin>(
    [
      { header: 'carrier', value: () => carrier },
      { header: 'metric', value: () => distribution.metric },
      { header: `from_${unit}`, value: (bin) => bin.from },
      { header: `to_${unit}`, value: (bin) => bin.to },
      { header: 'count', value: (bin) => bin.count },
      { header: 'window_from', value: () => distribution.from },
      { header: 'window_to', value: () => distribution.to },
    ],
    distribution.bins,
  );
}

export function distributionCsvFileName({ carrier, distribution }: { carrier: string; distribution: KpiDistribution }): string {
  return csvFileName(carrier, distribution.metric, 'distribution', distribution.from.slice(0, 10), distribution.to.slice(0, 10));
}
