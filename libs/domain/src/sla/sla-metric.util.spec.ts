import { isClockMetric, isRateMetric, isSlaMetric, SLA_METRIC_INFO, SLA_METRICS, slaMeasurementLevel } from './sla-metric.util';

describe('SLA metrics', () => {
  it('lists the twelve metrics of sla.md §1 and the four contract clock metrics of contracts.md §1, each described', () => {
    expect(SLA_METRICS).toHaveLength(16);
    expect(Object.keys(SLA_METRIC_INFO).sort()).toEqual([...SLA_METRICS].sort());
  });

  it('marks exactly the five rates as rates, in the rate unit', () => {
    const rates = SLA_METRICS.filter(isRateMetric);
    expect(rates).toEqual(['first_attempt_rate', 'on_time_rate', 'unmapped_rate', 'silent_rate', 'clock_within_rate']);
    for (const metric of SLA_METRICS) expect(SLA_METRIC_INFO[metric].unit === 'rate').toBe(isRateMetric(metric));
  });

  it('puts the clock metrics in the clock family, in days or as a rate', () => {
    expect(SLA_METRICS.filter(isClockMetric)).toEqual(['clock_mean_days', 'clock_p90_days', 'clock_p95_days', 'clock_within_rate']);
    expect(SLA_METRIC_INFO.clock_p90_days).toMatchObject({ family: 'clock', unit: 'days' });
  });

  it('gives transit in days and customs and feed latency in hours', () => {
    expect(SLA_METRIC_INFO.transit_p90_days).toMatchObject({ family: 'transit', unit: 'days' });
    expect(SLA_METRIC_INFO.customs_hold_p90_hours).toMatchObject({ family: 'customs_hold', unit: 'hours' });
    expect(SLA_METRIC_INFO.feed_latency_p95_hours).toMatchObject({ family: 'feed_latency', unit: 'hours', dataQuality: true });
  });

  it('recognises metric names and nothing else', () => {
    expect(isSlaMetric('on_time_rate')).toBe(true);
    expect(isSlaMetric('on_time')).toBe(false);
    expect(isSlaMetric(42)).toBe(false);
  });
});

describe('slaMeasurementLevel', () => {
  it('measures a carrier-scoped policy on leg facts', () => {
    expect(slaMeasurementLevel({ metric: 'transit_p90_days', carrier: 'correios' })).toBe('leg');
  });

  it("measures a '*' carrier policy on leg facts: every instance has a carrier", () => {
    expect(slaMeasurementLevel({ metric: 'on_time_rate', carrier: '*' })).toBe('leg');
  });

  it('measures a policy without a carrier scope on shipment facts', () => {
    expect(slaMeasurementLevel({ metric: 'transit_p90_days', carrier: null })).toBe('shipment');
  });

  it('measures feed latency and unmapped rate on events', () => {
    expect(slaMeasurementLevel({ metric: 'feed_latency_p95_hours', carrier: 'correios' })).toBe('event');
    expect(slaMeasurementLevel({ metric: 'unmapped_rate', carrier: null })).toBe('event');
  });
});
