import { type ScopeResult, summarisePolicyState } from './policy-state.util';

const scope = (overrides: Partial<ScopeResult>): ScopeResult => ({ carrier: 'laposte', corridor: null, serviceLevel: null, value: 0.9, sample: 50, verdict: 'complies', ...overrides });

describe('summarisePolicyState', () => {
  it('no instance at all is no data', () => {
    expect(summarisePolicyState({ op: 'gte', scopes: [] })).toEqual({ state: 'no_data', value: null, sample: 0, worst: null, scopes: 0, breachingScopes: 0 });
  });

  it('below the minimum sample everywhere is no data, showing the largest sample', () => {
    const result = summarisePolicyState({ op: 'gte', scopes: [scope({ verdict: 'insufficient_data', sample: 3, value: 0.2 }), scope({ corridor: 'FR-DE', verdict: 'insufficient_data', sample: 7, value: 0.5 })] });
    expect(result).toMatchObject({ state: 'no_data', sample: 7, value: 0.5, worst: { corridor: 'FR-DE' } });
  });

  it('one violating lane makes the policy breaching and is the value shown', () => {
    const result = summarisePolicyState({
      op: 'gte',
      scopes: [scope({ corridor: 'CN-FR', value: 0.7, verdict: 'complies' }), scope({ corridor: 'FR-FR', value: 0.8, verdict: 'violates' }), scope({ corridor: 'DE-FR', value: 0.95 })],
    });
    expect(result).toMatchObject({ state: 'breaching', value: 0.8, worst: { corridor: 'FR-FR' }, scopes: 3, breachingScopes: 1 });
  });

  it('"at most" shows the highest value when all comply', () => {
    const result = summarisePolicyState({ op: 'lte', scopes: [scope({ value: 4 }), scope({ corridor: 'X', value: 9 }), scope({ corridor: 'Y', value: 12, verdict: 'insufficient_data' })] });
    expect(result).toMatchObject({ state: 'ok', value: 9, worst: { corridor: 'X' }, breachingScopes: 0 });
  });
});
