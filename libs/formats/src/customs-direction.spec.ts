import { sideOf } from './customs-direction';

describe('customs direction by country', () => {
  it('is the destination side in the destination country', () => {
    expect(sideOf({ eventCountry: 'BR', origin: 'CN', destination: 'BR', arrived: false })).toBe('destination');
  });
  it('is the origin side elsewhere before arrival', () => {
    expect(sideOf({ eventCountry: 'CN', origin: 'CN', destination: 'BR', arrived: false })).toBe('origin');
  });
  it('is the destination side once the item has arrived there, whatever country the scan names', () => {
    expect(sideOf({ eventCountry: 'CN', origin: 'CN', destination: 'BR', arrived: true })).toBe('destination');
  });
  it('accepts alpha-3 countries', () => {
    expect(sideOf({ eventCountry: 'BRA', origin: 'CHN', destination: 'BRA', arrived: false })).toBe('destination');
  });
  it('is unknown without the event country or without either end', () => {
    expect(sideOf({ eventCountry: undefined, origin: 'CN', destination: 'BR', arrived: false })).toBeNull();
    expect(sideOf({ eventCountry: 'DE', origin: undefined, destination: undefined, arrived: false })).toBeNull();
  });
});
