import { describe, expect, it } from '@jest/globals';
import { columnsCsv, csvDecimals, csvFigure, csvFileName, escapeCsvCell, toCsv } from './csv.util';

describe('escapeCsvCell', () => {
  it('writes a missing value as an empty cell, never as 0', () => {
    expect(escapeCsvCell(null)).toBe('');
  });

  it('rounds figures sensibly: 4 decimals by default, integers as they are, no trailing zeros', () => {
    expect(escapeCsvCell(0.87640001)).toBe('0.8764');
    expect(escapeCsvCell(0.1 + 0.2)).toBe('0.3');
    expect(escapeCsvCell(0)).toBe('0');
    expect(escapeCsvCell(-1.5)).toBe('-1.5');
    expect(escapeCsvCell(-0.00001)).toBe('0');
    expect(escapeCsvCell(37540)).toBe('37540');
    expect(escapeCsvCell(16.333333, 2)).toBe('16.33');
  });

  it('reads the decimals from the header: rates 4, days and hours 2', () => {
    expect(csvDecimals('first_attempt_rate')).toBe(4);
    expect(csvDecimals('unmapped_share')).toBe(4);
    expect(csvDecimals('first_attempt_ci95_low')).toBe(4);
    expect(csvDecimals('transit_p95_days')).toBe(2);
    expect(csvDecimals('feed_latency_p95_hours')).toBe(2);
    expect(csvDecimals('from_hours')).toBe(2);
    expect(toCsv({ header: ['on_time_rate', 'transit_p50_days'], rows: [[0.912345678, 3.456789]] })).toBe('on_time_rate,transit_p50_days\r\n0.9123,3.46\r\n');
    expect(csvFigure(392.123456, 'hours')).toBe(392.12);
    expect(csvFigure(0.606060606, 'rate')).toBe(0.6061);
    expect(csvFigure(null, 'days')).toBeNull();
  });

  it('writes non-finite numbers as empty cells', () => {
    expect(escapeCsvCell(Number.NaN)).toBe('');
    expect(escapeCsvCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('leaves plain text unquoted', () => {
    expect(escapeCsvCell('Correios')).toBe('Correios');
  });

  it('quotes commas, quotes and line breaks and doubles the quotes', () => {
    expect(escapeCsvCell('Posten, Norge')).toBe('"Posten, Norge"');
    expect(escapeCsvCell('The "fast" one')).toBe('"The ""fast"" one"');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it('quotes text with leading or trailing spaces so they survive a spreadsheet import', () => {
    expect(escapeCsvCell(' padded ')).toBe('" padded "');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(escapeCsvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(escapeCsvCell('+1')).toBe("'+1");
    expect(escapeCsvCell('-1')).toBe("'-1");
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('keeps non-ASCII names as they are', () => {
    expect(escapeCsvCell('Poste São Tomé')).toBe('Poste São Tomé');
  });
});

describe('toCsv', () => {
  it('writes the header and rows with CRLF line ends', () => {
    expect(toCsv({ header: ['carrier', 'rate'], rows: [['correios', 0.5], ['dhl', null]] })).toBe(
      'carrier,rate\r\ncorreios,0.5\r\ndhl,\r\n',
    );
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv({ header: ['a', 'b'], rows: [] })).toBe('a,b\r\n');
  });

  it('rejects a row whose width differs from the header', () => {
    expect(() => toCsv({ header: ['a', 'b'], rows: [['only one']] })).toThrow(RangeError);
  });
});

describe('columnsCsv', () => {
  it('writes one header from the columns and one line per row, raw values kept', () => {
    const columns = [
      { header: 'code', value: (row: { code: string; events: number | null }) => row.code },
      { header: 'events', value: (row: { code: string; events: number | null }) => row.events },
    ];
    expect(columnsCsv(columns, [{ code: 'X1', events: 3 }, { code: 'Y,2', events: null }])).toBe('code,events\r\nX1,3\r\n"Y,2",\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(columnsCsv([{ header: 'a', value: () => 1 }], [])).toBe('a\r\n');
  });
});

describe('csvFileName', () => {
  it('joins the parts after lanewatch and keeps only safe characters', () => {
    expect(csvFileName('timeline', 'correios', 'BR 123/45')).toBe('lanewatch-timeline-correios-BR_123_45.csv');
    expect(csvFileName('policies')).toBe('lanewatch-policies.csv');
  });
});
