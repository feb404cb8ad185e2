import { parseSlaContract } from '../sla/sla-contract.parser';
import { allowanceFor, contractClock } from './contract-clock.schema';

const HEAD = `
contract: correios-2026
carrier: correios
effectiveFrom: 2026-01-01
policies: []
`;
const parse = (extra: string) => parseSlaContract(`${HEAD}${extra}`);
const clockOf = (extra: string) => {
  const result = parse(extra);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return contractClock(result.value);
};
const errorsOf = (extra: string) => {
  const result = parse(extra);
  if (result.ok) throw new Error('expected the contract to be rejected');
  return result.errors;
};

describe('contract clock fields', () => {
  it('a contract without a calendar counts elapsed days in UTC', () => {
    expect(clockOf('')).toEqual({ calendar: null, timeZone: 'UTC', days: 'calendar', exclude: [], allowances: [] });
  });

  it('reads calendar, clock and allowances; the zone defaults to the country main zone and days to business', () => {
    const clock = clockOf(`
calendar: { country: BR, subdivision: BR-SP, closures: [2026-02-17, 2026-02-16, 2026-02-16] }
clock: { exclude: [pickup_wait, import_customs] }
allowances:
  - { corridor: CN-BR, serviceLevel: '*', days: 15 }
  - { corridor: '*', days: 20 }
`);
    expect(clock).toEqual({
      calendar: { country: 'BR', subdivision: 'BR-SP', closures: ['2026-02-16', '2026-02-17'] },
      timeZone: 'America/Sao_Paulo',
      days: 'business',
      exclude: ['import_customs', 'pickup_wait'],
      allowances: [
        { corridor: 'CN-BR', serviceLevel: '*', days: 15 },
        { corridor: '*', serviceLevel: '*', days: 20 },
      ],
    });
    expect(allowanceFor(clock, { corridor: 'CN-BR', serviceLevel: 'express' })).toBe(15);
    expect(allowanceFor(clock, { corridor: 'US-BR', serviceLevel: null })).toBe(20);
  });

  it('an explicit timeZone and calendar days win over the defaults', () => {
    const clock = clockOf(`
calendar: { country: DE }
timeZone: Europe/Lisbon
clock: { days: calendar }
`);
    expect(clock).toMatchObject({ timeZone: 'Europe/Lisbon', days: 'calendar', calendar: { country: 'DE', subdivision: null, closures: [] } });
  });

  it('names every bad clock field by its path', () => {
    expect(
      errorsOf(`
calendar: { country: XX, subdivision: US-CA, closures: [2026-02-30], colour: red }
timeZone: Mars/Olympus
clock: { days: fortnightly, exclude: [lunch] }
allowances: [ { corridor: CN-BR, days: 0 }, { corridor: CNBR, days: 3 } ]
`),
    ).toEqual([
      'calendar.colour is not a known field',
      'calendar.country must be an ISO 3166-1 alpha-2 code such as BR',
      'calendar.closures[0] must be an ISO date such as 2026-02-16',
      'clock.days must be business or calendar',
      'clock.exclude[0] must be one of import_customs, pickup_wait, consignee_failure',
      'allowances[0].days must be a number of days above 0',
      'allowances[1].corridor must be a corridor such as CN-BR or "*"',
      'timeZone must be an IANA time zone such as America/Sao_Paulo',
    ]);
  });

  it('rejects a subdivision of another country, business days without a calendar and a repeated lane', () => {
    expect(errorsOf('calendar: { country: BR, subdivision: US-CA }')).toEqual(['calendar.subdivision US-CA is not in BR']);
    expect(errorsOf('clock: { days: business }')).toEqual(['clock.days business needs a calendar {country} to know the business days']);
    expect(errorsOf('allowances: [ { corridor: CN-BR, days: 3 }, { corridor: CN-BR, serviceLevel: "*", days: 4 } ]')).toEqual([
      'allowances[1] repeats the lane of allowances[0]',
    ]);
  });
});
