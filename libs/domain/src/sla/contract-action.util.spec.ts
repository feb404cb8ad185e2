import { describeContractAction } from './contract-action.util';

describe('describeContractAction', () => {
  it('names the policy and, for an update, every changed field', () => {
    expect(
      describeContractAction({
        kind: 'update',
        contract: 'correios-2026',
        name: 'CN-BR first attempt',
        id: 'x',
        policy: {} as never,
        changes: [{ field: 'threshold', from: 0.9, to: 0.92 }],
      }),
    ).toBe('updated  correios-2026 / CN-BR first attempt (threshold: 0.9 → 0.92)');
    expect(describeContractAction({ kind: 'disable', contract: 'c', name: 'gone', id: 'y', changes: [{ field: 'enabled', from: true, to: false }] })).toBe(
      'disabled c / gone (enabled: true → false)',
    );
  });
});
