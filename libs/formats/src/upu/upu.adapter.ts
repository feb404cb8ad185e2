import { parse } from 'csv-parse/sync';
import { AdapterContext, AdapterResult, emptyResult, PayloadShapeError } from '../adapter.types';
import { buildItemEvents, Entry } from '../event-builder';
import { arrayAt, isRecord, JsonRecord, text } from '../payload.util';
import { LocalTimeResult, resolveLocalTime } from '../time-zones';
import { parseMsDate } from './upu-date';
import { UPU_CODE_MAP, UPU_FORECAST_CODE } from './upu.code-map';

interface UpuRow {
  path: string;
  raw: unknown;
  itemId: string | undefined;
  code: string | undefined;
  time: string | undefined;
  office: string | undefined;
  officeName: string | undefined;
  description: string | undefined;
  origin: string | undefined;
  destination: string | undefined;
  reason: string | undefined;
}

/** The office's country: IPS office codes start with the alpha-2 country (CNSHAA, BRCWBA). */
const countryOfOffice = (office: string | undefined) => (office && /^[A-Z]{2}/.test(office) ? office.slice(0, 2) : undefined);

function timeOf(row: UpuRow): LocalTimeResult {
  if (!row.time) return { ok: false, error: 'EventDT is missing' };
  const msDate = parseMsDate(row.time);
  if (msDate) return { ok: true, value: msDate };
  if (row.time.startsWith('/Date(')) return { ok: false, error: `EventDT '${row.time}' is not /Date(milliseconds±hhmm)/` };
  return resolveLocalTime('EventDT', row.time, countryOfOffice(row.office));
}

/**
 * UPU postal events: GTT JSON `{"Items": [{ItemId, OrigCountryCd, DestCountryCd, Events: [{EventCd,
 * EventDT, OfficeCd, OfficeName, ...}]}]}`. EMF is an import release only when the item showed no EDC
 * up to then; DLV is the shipment's carrierEstimate.
 */
export function adaptUpuJson(payload: unknown, context: AdapterContext): AdapterResult {
  if (!isRecord(payload) || !Array.isArray(payload.Items)) throw new PayloadShapeError('body must be a GTT object with an "Items" array');
  const rows: UpuRow[] = [];
  payload.Items.forEach((itemEntry, itemIndex) => {
    const item: JsonRecord = isRecord(itemEntry) ? itemEntry : {};
    arrayAt(item, 'Events').forEach((eventEntry, index) => {
      const event: JsonRecord = isRecord(eventEntry) ? eventEntry : {};
      rows.push({
        path: `Items[${itemIndex}].Events[${index}]`,
        raw: eventEntry,
        itemId: text(item.ItemId),
        code: text(event.EventCd),
        time: text(event.EventDT),
        office: text(event.OfficeCd),
        officeName: text(event.OfficeName),
        description: text(event.EventDescription),
        origin: text(item.OrigCountryCd),
        destination: text(item.DestCountryCd),
        reason: text(event.ReasonCd),
      });
    });
  });
  return adaptRows(rows, context);
}

export const UPU_CSV_COLUMNS = ['ItemId', 'EventCd', 'EventDT', 'OfficeCd', 'OfficeName', 'OrigCountryCd', 'DestCountryCd', 'ReasonCd', 'EventDescription'] as const;

/**
 * The EMSEVT-like CSV: a header row naming UPU_CSV_COLUMNS (any order, extra columns ignored),
 * EventDT local to the office's country (`2026-11-02 08:15`) or with an offset, or `/Date(...)/`.
 */
export function adaptUpuCsv(payload: string, context: AdapterContext): AdapterResult {
  let records: Record<string, string>[];
  try {
    records = parse(payload, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch (error) {
    throw new PayloadShapeError(`body is not a valid CSV: ${(error as Error).message}`);
  }
  const first = records[0];
  if (first && (!('ItemId' in first) || !('EventCd' in first) || !('EventDT' in first))) {
    throw new PayloadShapeError(`the CSV header must name ItemId, EventCd and EventDT (columns: ${UPU_CSV_COLUMNS.join(', ')})`);
  }
  const rows: UpuRow[] = records.map((record, index) => ({
    path: `line ${index + 2}`,
    raw: record,
    itemId: text(record.ItemId),
    code: text(record.EventCd),
    time: text(record.EventDT),
    office: text(record.OfficeCd),
    officeName: text(record.OfficeName),
    description: text(record.EventDescription),
    origin: text(record.OrigCountryCd),
    destination: text(record.DestCountryCd),
    reason: text(record.ReasonCd),
  }));
  return adaptRows(rows, context);
}

function adaptRows(rows: UpuRow[], _context: AdapterContext): AdapterResult {
  const result = emptyResult();
  const byItem = new Map<string, UpuRow[]>();
  for (const row of rows) {
    const key = row.itemId ?? '';
    byItem.set(key, [...(byItem.get(key) ?? []), row]);
  }
  for (const itemRows of byItem.values()) {
    const timed = itemRows.map((row) => ({ row, time: timeOf(row) }));
    const edcTimes = timed
      .filter(({ row, time }) => row.code === 'EDC' && time.ok)
      .map(({ time }) => Date.parse((time as { value: string }).value));
    const entries: Entry[] = [];
    for (const { row, time } of timed) {
      if (row.code === UPU_FORECAST_CODE) {
        if (!row.itemId) result.rejected.push({ path: row.path, errors: [`${row.path}: the tracking number (ItemId) is missing`] });
        else if (!time.ok) result.rejected.push({ path: row.path, errors: [`${row.path}: ${time.error}`] });
        else result.estimates.push({ path: row.path, trackingNumber: row.itemId, carrierEstimate: time.value });
        continue;
      }
      const at = time.ok ? Date.parse(time.value) : NaN;
      const entry: Entry = {
        path: row.path,
        raw: row.raw,
        trackingNumber: row.itemId,
        code: row.code,
        time,
        country: countryOfOffice(row.office),
        facility: row.officeName ?? row.office,
        message: row.description,
        reason: row.reason,
      };
      if (row.code === 'EMF') entry.milestone = edcTimes.some((edc) => edc <= at) ? 'DESTINATION_FACILITY' : 'IMPORT_CUSTOMS_RELEASED';
      entries.push(entry);
    }
    const first = itemRows[0];
    buildItemEvents(entries, { origin: first.origin, destination: first.destination }, UPU_CODE_MAP, result);
  }
  return result;
}
