import { describe, expect, it } from '@jest/globals';
import { carrierScorecardFactory, emptyKpis, scorecardsFactory } from '../api/api-types.factory';
import { hasDeliveries } from './scorecard-state.util';

describe('hasDeliveries', () => {
  it('is false without carriers', () => {
    expect(hasDeliveries(scorecardsFactory([]))).toBe(false);
  });

  it('is false when every carrier has only silence and feed figures', () => {
    expect(hasDeliveries(scorecardsFactory([carrierScorecardFactory({ kpis: emptyKpis() })]))).toBe(false);
  });

  it('is false when the families are there with zero counts', () => {
    const kpis = { ...emptyKpis(), onTime: { delivered: 0, onTime: 0, rate: null, ci95: null } };
    expect(hasDeliveries(scorecardsFactory([carrierScorecardFactory({ kpis })]))).toBe(false);
  });

  it('is true when one carrier delivered', () => {
    const quiet = carrierScorecardFactory({ carrier: 'quiet', kpis: emptyKpis() });
    expect(hasDeliveries(scorecardsFactory([quiet, carrierScorecardFactory()]))).toBe(true);
  });
});
