export type CsvCell = string | number | null;

// Spreadsheets run cells that start with these as formulas; carrier names are typed in by people.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

// RFC 4180: a field is quoted when it holds a comma, a quote or a line break; quotes are doubled.
// Empty cells mean "no data" (never 0); numbers keep full precision for whoever analyses the file.
export function escapeCsvCell(cell: CsvCell): string {
  if (cell === null) {
    return '';
  }
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? String(cell) : '';
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
  return [header, ...rows].map((row) => row.map(escapeCsvCell).join(',')).join('\r\n') + '\r\n';
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
