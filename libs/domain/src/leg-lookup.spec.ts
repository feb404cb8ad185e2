import { normaliseCarrierCode, parseLegLookup } from './leg-lookup';

describe('leg lookup input', () => {
  it('lower-cases and trims a carrier code, since codes are stored lower case', () => {
    expect(normaliseCarrierCode(' LAPOSTE ')).toBe('laposte');
  });

  it('keeps the tracking number as sent, only trimmed (the repository matches it whatever its case)', () => {
    expect(parseLegLookup({ trackingNumber: ' lp005123456789cn ' })).toEqual({ ok: true, value: { trackingNumber: 'lp005123456789cn', carrier: null } });
  });

  it('accepts an optional carrier in any case', () => {
    expect(parseLegLookup({ trackingNumber: 'NL123456789BR', carrier: 'Correios' })).toEqual({
      ok: true,
      value: { trackingNumber: 'NL123456789BR', carrier: 'correios' },
    });
  });

  it('names a missing number', () => {
    expect(parseLegLookup({})).toEqual({ ok: false, errors: ['trackingNumber is required (query parameter)'] });
  });

  it('names a number outside the stored alphabet and a carrier given twice', () => {
    expect(parseLegLookup({ trackingNumber: 'ab c', carrier: ['a', 'b'] })).toEqual({
      ok: false,
      errors: ['trackingNumber must be 4-64 characters of A-Z a-z 0-9 . _ -', 'carrier must be given once, as a carrier code'],
    });
  });

  it('refuses a carrier code that cannot exist', () => {
    expect(parseLegLookup({ trackingNumber: 'AB1234', carrier: 'la poste' })).toEqual({
      ok: false,
      errors: ['carrier must be a carrier code: 2-40 characters of a-z 0-9 _ -'],
    });
  });
});
