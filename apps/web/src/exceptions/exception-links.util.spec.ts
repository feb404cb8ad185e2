import { describe, expect, it } from '@jest/globals';
import { formatRateChange, reasonLabel, watchlistHref } from './exception-links.util';

describe('watchlistHref', () => {
  it('carries exactly the filters of a count', () => {
    expect(watchlistHref({ kind: 'late', carrier: 'laposte', corridor: 'CN-FR', from: '2026-11-01T00:00:00Z', to: '2026-11-11T00:00:00Z', reason: 'exception:weather' })).toBe(
      '/watchlist?kind=late&carrier=laposte&corridor=CN-FR&from=2026-11-01T00%3A00%3A00Z&to=2026-11-11T00%3A00%3A00Z&reason=exception%3Aweather',
    );
    expect(watchlistHref({ kind: 'silent', carrier: 'laposte', corridor: null })).toBe('/watchlist?kind=silent&carrier=laposte');
  });
});

describe('reasonLabel', () => {
  it('reads carrier codes and our own reason codes as words', () => {
    const words = {
      RECIPIENT_ABSENT: 'Recipient absent',
      'exception:weather': 'Exception: weather',
      'failed_attempt:RECIPIENT_ABSENT': 'Failed attempt: recipient absent',
      customs_hold: 'Customs hold',
      no_recorded_cause: 'No recorded cause',
    };
    // One comparison of the whole table: a failure shows every code read wrong at once.
    expect(Object.fromEntries(Object.keys(words).map((code) => [code, reasonLabel(code)]))).toEqual(words);
  });
});

describe('formatRateChange', () => {
  it('signs percentage points', () => {
    expect(formatRateChange(0.5 - 1 / 3)).toBe('+16.7 pp');
    expect(formatRateChange(-0.02)).toBe('−2.0 pp');
    expect(formatRateChange(0)).toBe('±0.0 pp');
    expect(formatRateChange(null)).toBe('—');
  });
});
