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

  it('rejects a date without a time of day instead of reading its "-02" as an offset, whatever zone the row has', () => {
    const error = "occurredAt '2026-11-02' is a date without a time of day; an event needs the time it happened";
    expect(importRowToEvent(row({ when: '2026-11-02', tz: 'America/Manaus' }), mapping)).toEqual({ ok: false, errors: [error] });
    expect(importRowToEvent(row({ when: '2026-11-02' }), mapping)).toEqual({ ok: false, errors: [error] });
    expect(importRowToEvent(row({ when: ' 2026-11-02 ' }), { columns: mapping.columns })).toEqual({ ok: false, errors: [error] });
  });

  it('resolves a country name in the country column to its code, and reads the local time in its zone', () => {
    const noZones = { columns: mapping.columns };
    expect(importRowToEvent(row({ country: 'Germany' }), noZones)).toEqual({
      ok: true,
      warnings: [],
      event: { trackingNumber: 'NL123456789BR', code: 'EMA', occurredAt: '2026-11-02T08:15:00+01:00', location: { country: 'DE' } },
    });
    expect(importRowToEvent(row({ country: 'Mainland China', when: '2026-11-02T08:15:00Z' }), noZones)).toMatchObject({ ok: true, event: { location: { country: 'CN' } } });
    expect(importRowToEvent(row({ country: 'bra' }), mapping)).toMatchObject({ ok: true, event: { location: { country: 'BR' } } });
  });

  it('keeps a row whose country name is unknown without the country, with a warning naming the column', () => {
    expect(importRowToEvent(row({ country: 'Atlantis' }), mapping)).toEqual({
      ok: true,
      warnings: ["country 'Atlantis' (column 'country') is not a country code or a country name we know; the row is kept without it"],
      event: { trackingNumber: 'NL123456789BR', code: 'EMA', occurredAt: '2026-11-02T08:15:00-03:00' },
    });
    // Without a zone to read the local time in, the unknown country cannot place it: the row is refused.
    expect(importRowToEvent(row({ country: 'Atlantis' }), { columns: mapping.columns })).toEqual({
      ok: false,
      errors: ["occurredAt '2026-11-02 08:15' has no UTC offset and country 'Atlantis' has no known time zone"],
    });
  });

  it('rejects a local time with no zone and no country, and an unknown zone', () => {
    expect(importRowToEvent(row({ country: '' }), { columns: mapping.columns })).toEqual({
      ok: false,
      errors: ["occurredAt '2026-11-02 08:15' has no UTC offset and the event has no country to read it in; add an offset, a time-zone column, a default time zone or a country column"],
    });
    expect(importRowToEvent(row({ tz: 'Mars/Olympus' }), mapping)).toEqual({ ok: false, errors: ["time zone 'Mars/Olympus' is not an IANA time zone"] });
  });
});
