import { describe, expect, it } from '@jest/globals';
import { parseCarrierScorecardResponse } from './carrier-scorecard-types';

const BODY = {
  from: '2026-10-24T05:30:00.000Z',
  to: '2026-11-23T05:30:00.000Z',
  asOf: '2026-11-23T05:30:00.000Z',
  carrier: 'laposte',
  name: 'La Poste Colissimo',
  kpis: { firstAttempt: { attempted: 269, delivered: 172, rate: 0.639, ci95: { low: 0.58, high: 0.69 } } },
  feed: { events: 1953, latencyP50Hours: 216, latencyP95Hours: 460, unmapped: 0, unmappedRate: 0, unmappedCi95: { low: 0, high: 0.002 } },
  silence: { active: 85, silent: 11, silentRate: 0.13, silentCi95: { low: 0.07, high: 0.22 }, lost: 0 },
  handovers: [{ from: 'cainiao', to: 'laposte', count: 250, meanHours: 19.1, p50Hours: 17.75, p90Hours: 28.25 }],
  corridors: [{ corridor: 'CN-FR', serviceLevel: null, transit: { count: 241, p50Days: 3.4 } }],
};

describe('parseCarrierScorecardResponse', () => {
  it('reads the window and the scorecard of GET /carriers/{code}/scorecard', () => {
    const parsed = parseCarrierScorecardResponse(BODY);
    expect(parsed).toMatchObject({ from: BODY.from, to: BODY.to, asOf: BODY.asOf });
    expect(parsed.scorecard).toMatchObject({ carrier: 'laposte', name: 'La Poste Colissimo', censoredTransit: null });
    expect(parsed.scorecard.kpis.firstAttempt?.ci95).toEqual({ low: 0.58, high: 0.69 });
    expect(parsed.scorecard.kpis.transit).toBeNull();
    expect(parsed.scorecard.handovers[0].p90Hours).toBe(28.25);
    expect(parsed.scorecard.corridors[0].transit?.p50Days).toBe(3.4);
  });

  it('refuses an answer without its window', () => {
    expect(() => parseCarrierScorecardResponse({ ...BODY, from: undefined })).toThrow('from and to are required');
    expect(() => parseCarrierScorecardResponse({ ...BODY, to: 'yesterday' })).toThrow('scorecard.to must be an ISO instant');
  });

  it('names the path of a malformed figure', () => {
    expect(() => parseCarrierScorecardResponse({ ...BODY, silence: { ...BODY.silence, lost: 'none' } })).toThrow('scorecard.silence.lost');
  });
});
