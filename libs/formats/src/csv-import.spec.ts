import { importRowToEvent, missingColumns, parseImportMapping } from './csv-import';

const mapping = {
  columns: { trackingNumber: 'tracking', code: 'status', occurredAt: 'when', country: 'country' },
  timeZoneColumn: 'tz',
  defaultTimeZone: 'America/Sao_Paulo',
};

describe('CSV import mapping', () => {
  it('requires the tracking number, the time and a code or milestone column, naming each', () => {
    expect(parseImportMapping({ columns: { city: 'city' } })).toEqual({
      ok: false,
      errors: ['columns.trackingNumber is required', 'columns.occurredAt is required', 'columns.code or columns.milestone is required'],
    });
    expect(parseImportMapping({ columns: { trackingNumber: 'a', occurredAt: 'b', code: 'c', weight: 'w' } }).ok).toBe(false);
    expect(parseImportMapping(mapping)).toEqual({ ok: true, mapping });
  });

  it('names the mapped columns a file header lacks', () => {
    expect(missingColumns(mapping, ['tracking', 'status', 'when'])).toEqual(['country', 'tz']);
  });
});

describe('CSV import row', () => {
  const row = (overrides: Record<string, string>) => ({ tracking: 'NL123456789BR', status: 'EMA', when: '2026-11-02 08:15', tz: '', country: 'BR', ...overrides });

  it('keeps a time with an offset', () => {
    expect(importRowToEvent(row({ when: '2026-11-02T08:15:00+01:00' }), mapping)).toMatchObject({ ok: true, event: { occurredAt: '2026-11-02T08:15:00+01:00' } });
  });

  it('reads a local time in the row zone column first, then the default zone', () => {
    expect(importRowToEvent(row({ tz: 'America/Manaus' }), mapping)).toMatchObject({ event: { occurredAt: '2026-11-02T08:15:00-04:00' } });
    expect(importRowToEvent(row({}), mapping)).toMatchObject({ event: { occurredAt: '2026-11-02T08:15:00-03:00' } });
  });

  it('falls back to the row country zone without a zone column or default', () => {
    const noZones = { columns: mapping.columns };
    expect(importRowToEvent(row({ country: 'DE' }), noZones)).toMatchObject({ event: { occurredAt: '2026-11-02T08:15:00+01:00' } });
  });

  it('rejects a local time with no zone and no country, and an unknown zone', () => {
    expect(importRowToEvent(row({ country: '' }), { columns: mapping.columns })).toEqual({
      ok: false,
      errors: ["occurredAt '2026-11-02 08:15' has no UTC offset and the event has no country to read it in; add an offset, a time-zone column, a default time zone or a country column"],
    });
    expect(importRowToEvent(row({ tz: 'Mars/Olympus' }), mapping)).toEqual({ ok: false, errors: ["time zone 'Mars/Olympus' is not an IANA time zone"] });
  });
});
