import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { parsePrometheusText } from './prometheus-text';

describe('parsePrometheusText', () => {
  it("reads prom-client's own output: labels with escapes, histogram buckets, types", async () => {
    const registry = new Registry();
    new Counter({ name: 'c_total', help: 'c', labelNames: ['route'], registers: [registry] }).inc({ route: '/a "quoted"\\path' }, 2);
    new Gauge({ name: 'g', help: 'g', registers: [registry] }).set(-1.5);
    new Histogram({ name: 'h_seconds', help: 'h', buckets: [0.1, 1], registers: [registry] }).observe(0.5);
    const parsed = parsePrometheusText(await registry.metrics());
    expect(parsed.value('c_total', { route: '/a "quoted"\\path' })).toBe(2);
    expect(parsed.value('g')).toBe(-1.5);
    expect(parsed.value('h_seconds_bucket', { le: '0.1' })).toBe(0);
    expect(parsed.value('h_seconds_bucket', { le: '+Inf' })).toBe(1);
    expect([parsed.types.get('c_total'), parsed.types.get('g'), parsed.types.get('h_seconds')]).toEqual(['counter', 'gauge', 'histogram']);
  });

  it('reads NaN and Inf in any case, as Prometheus does', () => {
    const parsed = parsePrometheusText('a Nan\nb +Inf\nc -inf\n');
    expect([parsed.value('a'), parsed.value('b'), parsed.value('c')]).toEqual([Number.NaN, Infinity, -Infinity]);
  });

  it('throws on a malformed line rather than skipping it', () => {
    for (const bad of ['x{a="1"', 'x{a=1} 2', 'x{a="1",a="2"} 3', '1x 2', 'x abc', '# TYPE x countr', '# NOTE x']) {
      expect(() => parsePrometheusText(bad)).toThrow();
    }
  });

  it('refuses to pick one of several matching samples', () => {
    expect(() => parsePrometheusText('x{a="1"} 1\nx{a="2"} 2').value('x')).toThrow(/2 samples/);
  });
});
