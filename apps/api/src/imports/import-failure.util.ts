import { CsvError, Options, parse, Parser } from 'csv-parse';

export interface ImportLimits {
  maxFileBytes: number;
  maxRowBytes: number;
  maxFieldBytes: number;
}

/** A failure the client caused, as the status and message it is answered with. */
export interface ClientFailure {
  status: 400 | 413;
  message: string;
}

/** The parser's options: the row bound stops a runaway field (an unclosed quote) before it can exhaust memory. */
export function csvParseOptions(limits: Pick<ImportLimits, 'maxRowBytes'>): Options {
  return { columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: limits.maxRowBytes };
}

/**
 * The import's parser. It notes the line on which the last complete row (the header included)
 * ended: a row the parser fails in starts after it, and rows parsed ahead of the consumer are
 * dropped with the error, so the consumer's own count would point too early.
 */
export function createCsvParser(limits: Pick<ImportLimits, 'maxRowBytes'>, progress: { lastLine: number }): Parser {
  const parser: Parser = parse({
    ...csvParseOptions(limits),
    columns: (header: string[]) => {
      progress.lastLine = parser.info.lines;
      return header;
    },
    on_record: (record: unknown, context: { lines: number }) => {
      progress.lastLine = context.lines;
      return record;
    },
  });
  return parser;
}

/** The first field of a parsed row over the field bound, as a 413 naming line, column and bound; null when all fit. */
export function oversizedField(input: { record: Record<string, string>; line: number; maxFieldBytes: number }): ClientFailure | null {
  for (const [column, value] of Object.entries(input.record)) {
    // A string's UTF-8 size is at most three bytes per UTF-16 unit: most values need no count.
    if (value.length * 3 <= input.maxFieldBytes) continue;
    const bytes = Buffer.byteLength(value);
    if (bytes > input.maxFieldBytes) {
      return {
        status: 413,
        message: `line ${input.line}, column '${column.slice(0, 100)}': the field has ${bytes} bytes; at most ${input.maxFieldBytes} (IMPORT_MAX_FIELD_BYTES)`,
      };
    }
  }
  return null;
}

const MAX_PARSER_MESSAGE = 300;

/**
 * The answer to a CSV parser error, or null for anything else. Everything the parser raises while
 * reading comes from the file's bytes (our options are fixed), so every CsvError is the client's,
 * whatever its code (csv-parse's INVALID_OPENING_QUOTE has no CSV_ prefix). `lastLine` is where the
 * last complete row ended (0: not even the header was read).
 */
export function csvFailureOf(error: unknown, context: { lastLine: number; limits: Pick<ImportLimits, 'maxRowBytes'> }): ClientFailure | null {
  if (!(error instanceof CsvError)) return null;
  const where = context.lastLine === 0 ? 'the header row' : `the row after line ${context.lastLine}`;
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return { status: 413, message: `${where} has more than ${context.limits.maxRowBytes} bytes (IMPORT_MAX_ROW_BYTES); an unclosed quote?` };
  }
  const message = error.message.length > MAX_PARSER_MESSAGE ? `${error.message.slice(0, MAX_PARSER_MESSAGE)}…` : error.message;
  return { status: 400, message: `the CSV could not be read in ${where}: ${message}` };
}
