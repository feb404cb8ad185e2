import { resolveCountry, storageProblems } from '@lanewatch/domain';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { CanonicalEventInput } from './adapter.types';
import { compact } from './payload.util';
import { resolveLocalTime, resolveLocalTimeInZone } from './time-zones';

export const IMPORT_FIELDS = ['trackingNumber', 'code', 'milestone', 'occurredAt', 'eventId', 'country', 'city', 'facility', 'message', 'reason'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A carrier's saved CSV column mapping: canonical field -> CSV column, and where local times' zone comes from. */
export interface ImportMapping {
  columns: Partial<Record<ImportField, string>>;
  timeZoneColumn?: string;
  defaultTimeZone?: string;
}

const column = z.string().trim().min(1).max(200);
const mappingSchema = z
  .object(
    {
      columns: z.object(Object.fromEntries(IMPORT_FIELDS.map((field) => [field, column.optional()])) as Record<ImportField, z.ZodOptional<typeof column>>, {
        error: 'columns must be an object of canonical field -> CSV column name',
      }).strict(),
      timeZoneColumn: column.optional(),
      defaultTimeZone: z
        .string()
        .trim()
        .refine((zone) => IANAZone.isValidZone(zone), 'defaultTimeZone must be an IANA time zone such as America/Sao_Paulo')
        .optional(),
    },
    { error: 'body must be a JSON object with a columns object' },
  )
  .strict();

export type ImportMappingParse = { ok: true; mapping: ImportMapping } | { ok: false; errors: string[] };

/** PUT body of a carrier's import mapping; trackingNumber, occurredAt and code or milestone must be mapped. */
export function parseImportMapping(body: unknown): ImportMappingParse {
  const parsed = mappingSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)) };
  const { columns } = parsed.data;
  const errors: string[] = storageProblems(parsed.data, '');
  if (!columns.trackingNumber) errors.push('columns.trackingNumber is required');
  if (!columns.occurredAt) errors.push('columns.occurredAt is required');
  if (!columns.code && !columns.milestone) errors.push('columns.code or columns.milestone is required');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping: compact(parsed.data) as ImportMapping };
}

/** Columns the mapping names that a file's header lacks (the import is refused before any row). */
export function missingColumns(mapping: ImportMapping, header: string[]): string[] {
  const present = new Set(header);
  return [...Object.values(mapping.columns), ...(mapping.timeZoneColumn ? [mapping.timeZoneColumn] : [])].filter(
    (name): name is string => !!name && !present.has(name),
  );
}

export type ImportRowResult = { ok: true; event: CanonicalEventInput; warnings: string[] } | { ok: false; errors: string[] };

/**
 * One CSV row to a canonical event. A time without offset is read in the row's time-zone column, else
 * the mapping's default zone, else the main zone of the row's country; with none of them it is rejected,
 * as is a date without a time of day. The country column may hold a code or a name ("Brazil"); a name
 * we do not know leaves the country empty with a warning (formats.md), never rejects the row.
 */
export function importRowToEvent(row: Record<string, string | undefined>, mapping: ImportMapping): ImportRowResult {
  const value = (field: ImportField) => {
    const name = mapping.columns[field];
    const text = name ? row[name]?.trim() : undefined;
    return text ? text : undefined;
  };
  const occurredAt = value('occurredAt');
  const countryText = value('country');
  const country = countryText ? (resolveCountry(countryText) ?? undefined) : undefined;
  const warnings =
    countryText && !country
      ? [`country '${countryText}' (column '${mapping.columns.country}') is not a country code or a country name we know; the row is kept without it`]
      : [];
  let time: string | undefined;
  const errors: string[] = [];
  if (!occurredAt) errors.push(`occurredAt (column '${mapping.columns.occurredAt}') is empty`);
  else {
    const rowZone = mapping.timeZoneColumn ? row[mapping.timeZoneColumn]?.trim() : undefined;
    const zone = rowZone || mapping.defaultTimeZone;
    const resolved = zone ? resolveLocalTimeInZone('occurredAt', occurredAt, zone) : resolveLocalTime('occurredAt', occurredAt, country ?? countryText);
    if (resolved.ok) time = resolved.value;
    else errors.push(resolved.error.replace('send the offset or the country', 'add an offset, a time-zone column, a default time zone or a country column'));
  }
  if (errors.length > 0 || !time) return { ok: false, errors };
  const location = compact({ country, city: value('city'), facility: value('facility') });
  return {
    ok: true,
    warnings,
    event: compact({
      trackingNumber: value('trackingNumber') ?? '',
      code: value('code'),
      milestone: value('milestone') as CanonicalEventInput['milestone'],
      occurredAt: time,
      eventId: value('eventId'),
      location: Object.keys(location).length > 0 ? location : undefined,
      message: value('message'),
      reason: value('reason'),
    }),
  };
}
