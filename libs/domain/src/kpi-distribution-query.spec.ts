import { parseKpiDistributionQuery } from './kpi-distribution-query';

const window = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };

describe('parseKpiDistributionQuery', () => {
  it('accepts a metric with the /kpis filters', () => {
    const parsed = parseKpiDistributionQuery({ ...window, metric: 'customsHold', carrier: 'correios', corridor: 'CN-BR', asOf: '2026-11-20T00:15:00Z' });
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({ metric: 'customsHold', carrier: 'correios', corridor: 'CN-BR', groupBy: [], asOfMs: Date.parse('2026-11-20T00:15:00Z') }),
    });
  });

  it('names every bad parameter at once', () => {
    expect(parseKpiDistributionQuery({ from: '2026-11-01T00:07:00Z', to: window.to, metric: 'onTime', groupBy: 'carrier', corridor: 'cn-br' })).toEqual({
      ok: false,
      errors: [
        'from must fall on a quarter hour (e.g. 2026-11-01T00:00:00-03:00)',
        'corridor must look like CN-BR (ISO 3166-1 alpha-2 codes)',
        'metric must be one of customsHold, transit',
        'groupBy is not accepted here: filter by carrier, corridor or serviceLevel instead',
      ],
    });
  });

  it('requires the metric and the window', () => {
    expect(parseKpiDistributionQuery({})).toEqual({
      ok: false,
      errors: ['from is required (ISO 8601 with a UTC offset)', 'to is required (ISO 8601 with a UTC offset)', 'metric must be one of customsHold, transit'],
    });
  });
});
