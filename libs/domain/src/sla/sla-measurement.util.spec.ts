import { SLA_METRICS } from './sla-metric.util';
import { slaMeasurement, SlaMeasurementSource } from './sla-measurement.util';

// The row of kpis.md §5 with the feed-health object spread in.
const row: SlaMeasurementSource = {
  transit: { count: 812, meanDays: 9.41, stddevDays: 2.87, p50Days: 8.9, p90Days: 13.2, p95Days: 15.0 },
  customsHold: { count: 790, meanHours: 51.2, p90Hours: 110.5 },
  firstAttempt: { attempted: 801, delivered: 702, rate: 0.8764 },
  onTime: { delivered: 812, onTime: 761, rate: 0.9372 },
  feedLatency: { events: 5120, p95Hours: 6.5 },
  unmapped: { events: 5120, unmapped: 41, rate: 0.008 },
  silent: { active: 400, silent: 12, rate: 0.03 },
};

describe('slaMeasurement', () => {
  it.each([
    ['transit_mean_days', 9.41, 812],
    ['transit_p50_days', 8.9, 812],
    ['transit_p90_days', 13.2, 812],
    ['transit_p95_days', 15.0, 812],
    ['transit_stddev_days', 2.87, 812],
    ['customs_hold_mean_hours', 51.2, 790],
    ['customs_hold_p90_hours', 110.5, 790],
    ['feed_latency_p95_hours', 6.5, 5120],
  ] as const)('reads %s with the family count as sample', (metric, value, sample) => {
    expect(slaMeasurement(metric, row)).toEqual({ value, sample, successes: null });
  });

  it('reads first-attempt rate over attempts, from the exact counts rather than the rounded rate', () => {
    expect(slaMeasurement('first_attempt_rate', row)).toEqual({ value: 702 / 801, sample: 801, successes: 702 });
  });

  it('reads on-time rate over delivered parcels', () => {
    expect(slaMeasurement('on_time_rate', row)).toEqual({ value: 761 / 812, sample: 812, successes: 761 });
  });

  it('reads unmapped rate over events and silent rate over active shipments', () => {
    expect(slaMeasurement('unmapped_rate', row)).toEqual({ value: 41 / 5120, sample: 5120, successes: 41 });
    expect(slaMeasurement('silent_rate', row)).toEqual({ value: 12 / 400, sample: 400, successes: 12 });
  });

  it('gives no value and sample 0 when the family is null or missing', () => {
    for (const metric of SLA_METRICS) expect(slaMeasurement(metric, {})).toEqual({ value: null, sample: 0, successes: null });
    expect(slaMeasurement('transit_p90_days', { transit: null })).toEqual({ value: null, sample: 0, successes: null });
  });

  it('keeps the count when a statistic is null (stddev of one parcel)', () => {
    const single = { transit: { count: 1, meanDays: 4, stddevDays: null, p50Days: 4, p90Days: 4, p95Days: 4 } };
    expect(slaMeasurement('transit_stddev_days', single)).toEqual({ value: null, sample: 1, successes: null });
  });

  it('gives no rate when there were no trials', () => {
    expect(slaMeasurement('on_time_rate', { onTime: { delivered: 0, onTime: 0, rate: null } })).toEqual({ value: null, sample: 0, successes: null });
  });
});
