import { describe, expect, it } from '@jest/globals';
import type { DataQuality } from '../api/data-quality-types';
import { parseCodeSuggestions, parseDataQuality } from '../api/data-quality-types';
import { dataQualityTotals, milestoneInWords, sortByAttention, unmappedCodesCsv, withMapping } from './data-quality.util';

function report(overrides: Partial<DataQuality> = {}): DataQuality {
  return { carrier: 'correios', unmappedEvents: 0, unmappedCodes: [], unlinkedEvents: 0, unlinkedLegs: 0, issues: 0, ...overrides };
}

describe('withMapping', () => {
  it('keeps the existing mappings and adds the new code', () => {
    expect(withMapping({ mappings: { EMA: 'ACCEPTED' }, code: 'XYZ', milestone: 'DELIVERED' })).toEqual({ EMA: 'ACCEPTED', XYZ: 'DELIVERED' });
  });

  it('changes an existing code without touching the input', () => {
    const mappings = { EMA: 'ACCEPTED' };
    expect(withMapping({ mappings, code: 'EMA', milestone: 'ORIGIN_FACILITY' })).toEqual({ EMA: 'ORIGIN_FACILITY' });
    expect(mappings).toEqual({ EMA: 'ACCEPTED' });
  });
});

describe('dataQualityTotals', () => {
  it('adds up every carrier', () => {
    const totals = dataQualityTotals([
      report({ unmappedEvents: 3, unmappedCodes: [{ code: 'A', events: 3, lastSeenAt: null }], unlinkedEvents: 2, unlinkedLegs: 1 }),
      report({ carrier: 'dhl', unmappedEvents: 1, unmappedCodes: [{ code: 'B', events: 1, lastSeenAt: null }], issues: 4 }),
    ]);
    expect(totals).toEqual({ unmappedEvents: 4, unmappedCodes: 2, unlinkedEvents: 2, unlinkedLegs: 1, issues: 4 });
  });
});

describe('sortByAttention', () => {
  it('puts the carrier with the most events to fix first and clean carriers by code', () => {
    const sorted = sortByAttention([report({ carrier: 'b' }), report({ carrier: 'c', unlinkedEvents: 1 }), report({ carrier: 'a' })]);
    expect(sorted.map(({ carrier }) => carrier)).toEqual(['c', 'a', 'b']);
  });
});

describe('parseDataQuality', () => {
  it('reads the endpoint body and counts linking conflicts', () => {
    const parsed = parseDataQuality({
      carrier: 'correios',
      unmappedEvents: 5,
      unmappedCodes: [{ code: 'ZZ', events: 5, lastSeenAt: '2026-11-20T10:00:00.000Z' }],
      unlinkedEvents: 7,
      unlinkedLegs: 2,
      issues: [{ kind: 'conflict' }],
    });
    expect(parsed).toEqual({
      carrier: 'correios',
      unmappedEvents: 5,
      unmappedCodes: [{ code: 'ZZ', events: 5, lastSeenAt: '2026-11-20T10:00:00.000Z' }],
      unlinkedEvents: 7,
      unlinkedLegs: 2,
      issues: 1,
    });
  });

  it('names a missing count', () => {
    expect(() => parseDataQuality({ carrier: 'x', unmappedCodes: [], unlinkedEvents: 0 })).toThrow('dataQuality.unmappedEvents must be a number');
  });
});

describe('unmappedCodesCsv', () => {
  it('lists every carrier’s codes, the carrier needing most attention first', () => {
    const csv = unmappedCodesCsv([
      report({ carrier: 'dhl', unmappedEvents: 1, unmappedCodes: [{ code: 'B', events: 1, lastSeenAt: null }] }),
      report({ unmappedEvents: 7, unmappedCodes: [{ code: '=X1', events: 7, lastSeenAt: '2026-11-20T10:00:00Z' }] }),
      report({ carrier: 'clean' }),
    ]);
    expect(csv).toBe("carrier,raw_code,events,last_seen_at\r\ncorreios,'=X1,7,2026-11-20T10:00:00Z\r\ndhl,B,1,\r\n");
  });
});

describe('milestoneInWords', () => {
  it('reads a milestone as words', () => {
    expect(milestoneInWords('OUT_FOR_DELIVERY')).toBe('Out for delivery');
    expect(milestoneInWords('DELIVERED')).toBe('Delivered');
  });
});

describe('parseCodeSuggestions', () => {
  it('keys suggestions by code and gathers the examples of every text', () => {
    const parsed = parseCodeSuggestions({
      carrier: 'bravo',
      codes: [
        {
          code: 'B_X1',
          events: 2,
          suggestion: {
            milestone: 'DELIVERED',
            basis: 'other_carriers',
            summary: '7 of 8 events',
            evidence: { peerEvents: 8, agreeingEvents: 7, texts: [{ examples: ['Delivered'] }, { examples: ['delivered.', 3] }] },
          },
        },
        { code: 'B_Q9', events: 1, suggestion: { milestone: null, basis: null, summary: 'No suggestion', evidence: { peerEvents: 0, agreeingEvents: 0, texts: [] } } },
      ],
    });
    expect(parsed.get('B_X1')).toEqual({
      code: 'B_X1',
      milestone: 'DELIVERED',
      basis: 'other_carriers',
      summary: '7 of 8 events',
      peerEvents: 8,
      agreeingEvents: 7,
      examples: ['Delivered', 'delivered.'],
    });
    expect(parsed.get('B_Q9')?.milestone).toBeNull();
  });

  it('refuses an answer without codes', () => {
    expect(() => parseCodeSuggestions({ carrier: 'bravo' })).toThrow(/suggestions.codes/);
  });
});
