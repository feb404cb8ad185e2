export type CsvCell = string | number | null;

// Spreadsheets run cells that start with these as formulas; carrier names are typed in by people.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

// How many decimals a CSV figure keeps, read from its column header's unit (issue 15, point 10): rates
// and shares as fractions to 4 decimals (0.8123 = 81.23 %), days and hours to 2; other figures to 4.
// Counts are integers and stay as they are; trailing zeros are dropped ("0.5", not "0.5000").
export const CSV_RATE_DECIMALS = 4;
export const CSV_DURATION_DECIMALS = 2;

export function csvDecimals(header: string): number {
  return /(^|_)(days|hours)$/.test(header) ? CSV_DURATION_DECIMALS : CSV_RATE_DECIMALS;
}

/** A figure of a unit the header does not name (a breach's value: its metric says): rounded here. */
export function csvFigure(value: number | null, unit: 'rate' | 'days' | 'hours' | 'number'): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return roundTo(value, unit === 'days' || unit === 'hours' ? CSV_DURATION_DECIMALS : CSV_RATE_DECIMALS);
}

function roundTo(value: number, decimals: number): number {
  const rounded = Number(value.toFixed(decimals));
  return Object.is(rounded, -0) ? 0 : rounded;
}

// RFC 4180: a field is quoted when it holds a comma, a quote or a line break; quotes are doubled.
// Empty cells mean "no data" (never 0).
export function escapeCsvCell(cell: CsvCell, decimals: number = CSV_RATE_DECIMALS): string {
  if (cell === null) {
    return '';
  }
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? String(Number.isInteger(cell) ? cell : roundTo(cell, decimals)) : '';
  }
  const guarded = cell.length > 0 && FORMULA_TRIGGERS.has(cell[0]) ? `'${cell}` : cell;
  return /[",\r\n]/.test(guarded) || guarded.trim() !== guarded ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

type CsvInput = { header: readonly string[]; rows: readonly (readonly CsvCell[])[] };

export function toCsv({ header, rows }: CsvInput): string {
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new RangeError(`row ${index} has ${row.length} cells, the header ${header.length}`);
    }
  }
  const decimals = header.map(csvDecimals);
  return [header, ...rows].map((row) => row.map((cell, index) => escapeCsvCell(cell, decimals[index])).join(',')).join('\r\n') + '\r\n';
}

// One column of a table's CSV: the header, and the raw figure of a row (not the formatted text).
export type CsvColumn<T> = { header: string; value: (row: T) => CsvCell };

export function columnsCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return toCsv({ header: columns.map((column) => column.header), rows: rows.map((row) => columns.map((column) => column.value(row))) });
}

// `lanewatch-<part>-<part>.csv`, each part reduced to characters every file system accepts.
export function csvFileName(...parts: readonly string[]): string {
  const safe = parts.map((part) => part.replace(/[^A-Za-z0-9_.-]+/g, '_')).filter((part) => part !== '');
  return `${['lanewatch', ...safe].join('-')}.csv`;
}
