import { dashboardTargets, metricNamesIn } from './grafana-dashboard';

describe('metricNamesIn', () => {
  it('finds the series a quantile over a rate of buckets reads, not the functions or labels around it', () => {
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le) (rate(lanewatch_worker_batch_duration_seconds_bucket{outcome="processed"}[5m])))')).toEqual([
      'lanewatch_worker_batch_duration_seconds_bucket',
    ]);
  });

  it('finds every series of a binary expression once', () => {
    expect(metricNamesIn('sum(rate(lanewatch_http_requests_total{status_class="5xx"}[5m])) / sum(rate(lanewatch_http_requests_total[5m])) + lanewatch_queue_jobs')).toEqual([
      'lanewatch_http_requests_total',
      'lanewatch_queue_jobs',
    ]);
  });

  it('does not take a label value that looks like a metric for one', () => {
    expect(metricNamesIn('lanewatch_queue_jobs{queue="lanewatch_ingest", state=~"waiting|active"}')).toEqual(['lanewatch_queue_jobs']);
  });

  it('finds nothing in an expression that reads no Lanewatch series', () => {
    expect(metricNamesIn('up{job="api"}')).toEqual([]);
  });
});

describe('dashboardTargets', () => {
  it("collects queries of top-level panels and of a row's nested panels", () => {
    const targets = dashboardTargets({
      panels: [
        { title: 'a', targets: [{ expr: 'lanewatch_x', datasource: { uid: '${DS_PROMETHEUS}' } }] },
        { title: 'row', panels: [{ title: 'b', targets: [{ expr: 'lanewatch_y' }, { expr: 'lanewatch_z' }] }] },
      ],
    });
    expect(targets.map((target) => [target.panel, target.expr])).toEqual([
      ['a', 'lanewatch_x'],
      ['b', 'lanewatch_y'],
      ['b', 'lanewatch_z'],
    ]);
  });
});
