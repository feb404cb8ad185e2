import fc from 'fast-check';
import { ContractAction, diffContract, StoredContractPolicy } from './sla-contract-diff.util';
import { ELAPSED_CLOCK } from '../contracts/contract-clock.schema';
import { SlaContract, SlaContractPolicy } from './sla-contract.parser';
import { SLA_POLICY_FIELDS, SlaPolicyField } from './sla-policy.schema';
import { slaPolicy } from './sla-test.factory';

const contractPolicy = (overrides: Partial<SlaContractPolicy> = {}): SlaContractPolicy => ({
  ...slaPolicy(),
  contract: 'correios-2026',
  effectiveFrom: '2026-01-01',
  ...overrides,
});
const contract = (policies: SlaContractPolicy[], effectiveFrom = '2026-01-01'): SlaContract => ({
  contract: 'correios-2026',
  carrier: 'correios',
  effectiveFrom,
  policies: policies.map((policy) => ({ ...policy, effectiveFrom })),
  clock: ELAPSED_CLOCK,
});

// What the caller does with the actions, for the idempotence specs.
function apply(existing: StoredContractPolicy[], actions: ContractAction[]): StoredContractPolicy[] {
  const next = existing.map((policy) => ({ ...policy }));
  actions.forEach((action, index) => {
    if (action.kind === 'create') next.push({ ...action.policy, id: `new-${index}-${action.name}` });
    else {
      const stored = next.find((policy) => policy.id === action.id)!;
      if (action.kind === 'update') Object.assign(stored, action.policy);
      else stored.enabled = false;
    }
  });
  return next;
}

describe('diffContract', () => {
  it('creates every policy of a first apply', () => {
    const incoming = contract([contractPolicy({ name: 'a' }), contractPolicy({ name: 'b' })]);
    expect(diffContract({ existing: [], incoming }).map((action) => [action.kind, action.name])).toEqual([
      ['create', 'a'],
      ['create', 'b'],
    ]);
  });

  it('applying the same contract twice changes nothing', () => {
    const incoming = contract([contractPolicy({ name: 'a' }), contractPolicy({ name: 'b', threshold: 0.95 })]);
    const stored = apply([], diffContract({ existing: [], incoming }));
    expect(diffContract({ existing: stored, incoming })).toEqual([]);
  });

  it('reports an update field by field', () => {
    const existing = [{ ...contractPolicy({ name: 'a' }), id: 'p1' }];
    const incoming = contract([contractPolicy({ name: 'a', threshold: 0.92, minSample: 50 })]);
    expect(diffContract({ existing, incoming })).toEqual([
      {
        kind: 'update',
        contract: 'correios-2026',
        name: 'a',
        id: 'p1',
        policy: incoming.policies[0],
        changes: [
          { field: 'threshold', from: 0.9, to: 0.92 },
          { field: 'minSample', from: 30, to: 50 },
        ],
      },
    ]);
  });

  it('compares every policy field but the name, in the order of the policy field list', () => {
    const changed: Pick<SlaContractPolicy, Exclude<SlaPolicyField, 'name'>> = {
      carrier: 'jadlog',
      corridor: 'CN-MX',
      serviceLevel: 'express',
      metric: 'on_time_rate',
      op: 'lte',
      threshold: 0.5,
      windowDays: 14,
      minSample: 50,
      severity: 'minor',
      enabled: false,
      burnRate: { shortWindowDays: 1, longWindowDays: 14 },
      wilsonGuard: true,
    };
    const existing = [{ ...contractPolicy({ name: 'a' }), id: 'p1' }];
    const actions = diffContract({ existing, incoming: contract([contractPolicy({ name: 'a', ...changed })], '2026-07-01') });
    expect(actions.flatMap((action) => (action.kind === 'update' ? action.changes.map((change) => change.field) : []))).toEqual(['effectiveFrom', ...SLA_POLICY_FIELDS.filter((field) => field !== 'name')]);
  });

  it('compares burnRate by its windows, not by identity', () => {
    const existing = [{ ...contractPolicy({ name: 'a', burnRate: { shortWindowDays: 1, longWindowDays: 7 } }), id: 'p1' }];
    expect(diffContract({ existing, incoming: contract([contractPolicy({ name: 'a', burnRate: { shortWindowDays: 1, longWindowDays: 7 } })]) })).toEqual([]);
    expect(diffContract({ existing, incoming: contract([contractPolicy({ name: 'a', burnRate: { shortWindowDays: 2, longWindowDays: 7 } })]) })[0]).toMatchObject({
      changes: [{ field: 'burnRate', from: { shortWindowDays: 1, longWindowDays: 7 }, to: { shortWindowDays: 2, longWindowDays: 7 } }],
    });
  });

  it('a new effective date updates every policy of the contract', () => {
    const existing = [{ ...contractPolicy({ name: 'a' }), id: 'p1' }];
    expect(diffContract({ existing, incoming: contract([contractPolicy({ name: 'a' })], '2026-07-01') })).toMatchObject([
      { kind: 'update', changes: [{ field: 'effectiveFrom', from: '2026-01-01', to: '2026-07-01' }] },
    ]);
  });

  it('disables a policy gone from the file instead of deleting it', () => {
    const existing = [
      { ...contractPolicy({ name: 'a' }), id: 'p1' },
      { ...contractPolicy({ name: 'gone' }), id: 'p2' },
    ];
    expect(diffContract({ existing, incoming: contract([contractPolicy({ name: 'a' })]) })).toEqual([
      { kind: 'disable', contract: 'correios-2026', name: 'gone', id: 'p2', changes: [{ field: 'enabled', from: true, to: false }] },
    ]);
  });

  it('does not disable again a policy already disabled', () => {
    const existing = [{ ...contractPolicy({ name: 'gone', enabled: false }), id: 'p2' }];
    expect(diffContract({ existing, incoming: contract([]) })).toEqual([]);
  });

  it('re-enables a disabled policy that comes back to the file', () => {
    const existing = [{ ...contractPolicy({ name: 'a', enabled: false }), id: 'p1' }];
    expect(diffContract({ existing, incoming: contract([contractPolicy({ name: 'a' })]) })).toMatchObject([{ kind: 'update', id: 'p1', changes: [{ field: 'enabled', from: false, to: true }] }]);
  });

  it("leaves other contracts' policies alone, even with the same name", () => {
    const existing = [{ ...contractPolicy({ name: 'a', contract: 'jadlog-2026', threshold: 0.5 }), id: 'j1' }];
    expect(diffContract({ existing, incoming: contract([contractPolicy({ name: 'a' })]) }).map((action) => action.kind)).toEqual(['create']);
  });

  it('reaches a fixed point after one apply, from any stored state', () => {
    const policyArb = fc.record({
      name: fc.constantFrom('a', 'b', 'c', 'd'),
      threshold: fc.constantFrom(0.8, 0.9, 0.95),
      windowDays: fc.constantFrom(7, 14),
      enabled: fc.boolean(),
      severity: fc.constantFrom('critical' as const, 'major' as const),
    });
    const uniqueByName = (policies: { name: string }[]) => policies.filter((policy, index) => policies.findIndex((other) => other.name === policy.name) === index);
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 4 }), fc.array(policyArb, { maxLength: 4 }), (stored, wanted) => {
        const existing = uniqueByName(stored).map((fields, index) => ({ ...contractPolicy(fields), id: `s${index}` }));
        const incoming = contract(uniqueByName(wanted).map((fields) => contractPolicy(fields)));
        const applied = apply(existing, diffContract({ existing, incoming }));
        expect(diffContract({ existing: applied, incoming })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
