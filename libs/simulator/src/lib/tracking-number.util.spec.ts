import { createRandom } from './random.util';
import { TRACKING_NUMBER_PATTERN, type TrackingFormat, TrackingNumberRegistry, generateTrackingNumber, s10CheckDigit } from './tracking-number.util';

describe('tracking numbers', () => {
  it('computes the UPU S10 check digit, including the 10 → 0 and 11 → 5 cases', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(s10CheckDigit('10000014')).toBe(0);
    expect(s10CheckDigit('00000000')).toBe(5);
  });

  it('writes each carrier format in its real shape and within the API pattern', () => {
    const random = createRandom(1);
    const shapes: [TrackingFormat, RegExp][] = [
      [{ kind: 'cainiao' }, /^LP00\d{10}CN$/],
      [{ kind: 'yunexpress' }, /^YT\d{16}$/],
      [{ kind: 's10', prefixes: ['NL'], country: 'BR' }, /^NL\d{9}BR$/],
      [{ kind: 'usps-impb' }, /^940[0-9]\d{18}$/],
      [{ kind: 'postnl-3s' }, /^3S[A-Z]{4}\d{9}$/],
      [{ kind: 'colissimo' }, /^6A\d{11}$/],
      [{ kind: 'correos-es' }, /^PQ[A-Z0-9]{4}\d{16}[A-Z]$/],
      [{ kind: 'dhl-parcel-nl' }, /^JVGL\d{20}$/],
    ];
    for (const [format, shape] of shapes) {
      const value = generateTrackingNumber(format, random);
      expect(value).toMatch(shape);
      expect(value).toMatch(TRACKING_NUMBER_PATTERN);
    }
  });

  it('gives S10 numbers a valid check digit', () => {
    const random = createRandom(2);
    for (let i = 0; i < 200; i += 1) {
      const value = generateTrackingNumber({ kind: 's10', prefixes: ['TT'], country: 'GB' }, random);
      expect(Number(value[10])).toBe(s10CheckDigit(value.slice(2, 10)));
    }
  });

  it('never issues the same number twice from one registry', () => {
    const registry = new TrackingNumberRegistry();
    const random = createRandom(3);
    const issued = Array.from({ length: 5000 }, () => registry.issue({ kind: 'colissimo' }, random));
    expect(new Set(issued).size).toBe(5000);
    expect(registry.size).toBe(5000);
  });
});
