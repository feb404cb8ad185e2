import { parseSlaContract, SlaContract } from './sla-contract.parser';

const CORREIOS = `
contract: correios-2026
carrier: correios
effectiveFrom: 2026-01-01
x-weekly: &weekly
  windowDays: 7
  minSample: 30
policies:
  - <<: *weekly
    name: CN-BR first attempt
    corridor: CN-BR
    metric: first_attempt_rate
    op: gte
    threshold: 0.9
    severity: critical
  - <<: *weekly
    name: Transit p90 per corridor
    corridor: "*"
    metric: transit_p90_days
    op: lte
    threshold: 14
  - name: Unmapped codes
    metric: unmapped_rate
    op: lte
    threshold: 0.02
    windowDays: 1
`;

const valueOf = (yamlText: string): SlaContract => {
  const result = parseSlaContract(yamlText);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
};
const errorsOf = (yamlText: string) => {
  const result = parseSlaContract(yamlText);
  if (result.ok) throw new Error('expected the contract to be rejected');
  return result.errors;
};

describe('parseSlaContract', () => {
  it('reads a contract, scoping every policy to its carrier and stamping contract and effective date', () => {
    const contract = valueOf(CORREIOS);
    expect(contract).toMatchObject({ contract: 'correios-2026', carrier: 'correios', effectiveFrom: '2026-01-01' });
    expect(contract.policies.map((policy) => [policy.name, policy.carrier, policy.corridor, policy.windowDays, policy.minSample])).toEqual([
      ['CN-BR first attempt', 'correios', 'CN-BR', 7, 30],
      ['Transit p90 per corridor', 'correios', '*', 7, 30],
      ['Unmapped codes', 'correios', null, 1, 20],
    ]);
    expect(contract.policies.every((policy) => policy.contract === 'correios-2026' && policy.effectiveFrom === '2026-01-01')).toBe(true);
  });

  it('names the path of a bad policy field', () => {
    expect(errorsOf(CORREIOS.replace('threshold: 14', 'threshold: fourteen'))).toEqual(['policies[1].threshold must be a number']);
    expect(errorsOf(CORREIOS.replace('    windowDays: 1\n', '    windowDays: 120\n'))).toEqual(['policies[2].windowDays must be an integer from 1 to 90']);
  });

  it('names every missing top-level field', () => {
    expect(errorsOf('policies: []')).toEqual(['contract is required', 'carrier is required', 'effectiveFrom is required']);
    expect(errorsOf('contract: x\ncarrier: correios\neffectiveFrom: 2026-01-01')).toEqual(['policies is required']);
  });

  it('wants a real ISO date as effectiveFrom', () => {
    expect(errorsOf(CORREIOS.replace('2026-01-01', '2026-02-30'))).toEqual(['effectiveFrom must be an ISO date such as 2026-01-01']);
    expect(errorsOf(CORREIOS.replace('2026-01-01', '01/01/2026'))).toEqual(['effectiveFrom must be an ISO date such as 2026-01-01']);
  });

  it('refuses a bad carrier code once, not once per policy', () => {
    expect(errorsOf(CORREIOS.replace('carrier: correios', 'carrier: Correios Ltd'))).toEqual(['carrier must be a carrier code']);
  });

  it("refuses a policy scoped to another carrier, or to '*'", () => {
    const other = CORREIOS.replace('  - name: Unmapped codes\n', '  - name: Unmapped codes\n    carrier: jadlog\n');
    expect(errorsOf(other)).toEqual(["policies[2].carrier must be the contract's carrier 'correios', or left out"]);
    const wildcard = CORREIOS.replace('  - name: Unmapped codes\n', '  - name: Unmapped codes\n    carrier: "*"\n');
    expect(errorsOf(wildcard)).toEqual(["policies[2].carrier must be the contract's carrier 'correios', or left out"]);
  });

  it('accepts a policy that repeats the contract carrier', () => {
    const repeated = CORREIOS.replace('  - name: Unmapped codes\n', '  - name: Unmapped codes\n    carrier: correios\n');
    expect(repeated).not.toBe(CORREIOS);
    expect(valueOf(repeated).policies[2].carrier).toBe('correios');
  });

  it('refuses two policies with the same name: the name is the key', () => {
    expect(errorsOf(CORREIOS.replace('name: Unmapped codes', 'name: CN-BR first attempt'))).toEqual(["policies[2].name 'CN-BR first attempt' is already used by policies[0]"]);
  });

  it('names an unknown top-level key but ignores x- keys', () => {
    expect(errorsOf(`${CORREIOS}\nowner: ops\n`)).toEqual(['owner is not a known field (use an x- prefix for anchors)']);
  });

  it('names an unknown policy key with its path', () => {
    expect(errorsOf(CORREIOS.replace('    threshold: 0.9\n', '    threshold: 0.9\n    treshold: 0.9\n'))).toEqual(['policies[0].treshold is not a known field']);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorsOf('contract: x\npolicies: [\n  a: 1\n')).toEqual([expect.stringMatching(/^YAML .*line \d+/)]);
  });

  it('reports duplicate keys, which YAML would otherwise silently overwrite', () => {
    expect(errorsOf('contract: a\ncontract: b\n')).toEqual([expect.stringMatching(/^YAML Map keys must be unique at line 2/)]);
  });

  it('refuses a document that is not a mapping', () => {
    expect(errorsOf('')).toEqual(['the contract must be a YAML mapping with contract, carrier, effectiveFrom and policies']);
    expect(errorsOf('- a\n- b\n')).toEqual(['the contract must be a YAML mapping with contract, carrier, effectiveFrom and policies']);
  });

  it('refuses policies that are not a list, and entries that are not mappings', () => {
    expect(errorsOf(CORREIOS.replace(/policies:[\s\S]*$/, 'policies: nope\n'))).toEqual(['policies must be a list of policies']);
    expect(errorsOf(CORREIOS.replace(/policies:[\s\S]*$/, 'policies:\n  - just text\n'))).toEqual(['policies[0] must be an object']);
  });

  it('accepts a contract with no policies (every stored one is then disabled)', () => {
    expect(valueOf('contract: x\ncarrier: correios\neffectiveFrom: 2026-01-01\npolicies: []\n').policies).toEqual([]);
  });
});
