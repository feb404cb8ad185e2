import { resolveCountry, toAlpha2 } from './country';

describe('country codes and names', () => {
  it('passes alpha-2, converts alpha-3 and refuses anything else as a code', () => {
    expect(toAlpha2('br')).toBe('BR');
    expect(toAlpha2('CHN')).toBe('CN');
    expect(toAlpha2('Mainland China')).toBeNull();
  });

  it('resolves English names and the variants carriers send', () => {
    expect(['Mainland China', 'Hong Kong, China', 'Korea, Republic of', 'Russian Federation', 'Israel', 'United States', 'Viet Nam', 'USA'].map(resolveCountry)).toEqual([
      'CN',
      'HK',
      'KR',
      'RU',
      'IL',
      'US',
      'VN',
      'US',
    ]);
  });

  it('ignores case and spacing, and answers null for what is no country', () => {
    expect(resolveCountry('  mainland   CHINA ')).toBe('CN');
    expect(resolveCountry('Atlantis')).toBeNull();
    expect(resolveCountry('')).toBeNull();
  });
});
