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
