import { CsvError, CsvErrorCode, parse } from 'csv-parse';
import { createCsvParser, csvFailureOf, csvParseOptions, oversizedField } from './import-failure.util';

const limits = { maxRowBytes: 200 };
// The entry point the import uses: csv-parse/sync bundles a CsvError class of its own.
const parseWithOurOptions = (input: string) =>
  new Promise<unknown[]>((resolve, reject) => parse(input, csvParseOptions(limits), (error, records) => (error ? reject(error) : resolve(records))));

// Every code csv-parse declares, by where it can come from. A Record over the union makes the
// compiler name any code a new csv-parse version adds, so none can slip past as a 500.
const CODE_ORIGIN: Record<CsvErrorCode, 'file' | 'disabled by relax_column_count' | 'options or arguments'> = {
  CSV_INVALID_CLOSING_QUOTE: 'file',
  CSV_MAX_RECORD_SIZE: 'file',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'file',
  CSV_QUOTE_NOT_CLOSED: 'file',
  INVALID_OPENING_QUOTE: 'file',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'disabled by relax_column_count',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'disabled by relax_column_count',
  CSV_INVALID_ARGUMENT: 'options or arguments',
  CSV_INVALID_COLUMN_DEFINITION: 'options or arguments',
  CSV_INVALID_COLUMN_MAPPING: 'options or arguments',
  CSV_INVALID_OPTION_BOM: 'options or arguments',
  CSV_INVALID_OPTION_CAST: 'options or arguments',
  CSV_INVALID_OPTION_CAST_DATE: 'options or arguments',
  CSV_INVALID_OPTION_COLUMNS: 'options or arguments',
  CSV_INVALID_OPTION_COMMENT: 'options or arguments',
  CSV_INVALID_OPTION_DELIMITER: 'options or arguments',
  CSV_INVALID_OPTION_GROUP_COLUMNS_BY_NAME: 'options or arguments',
  CSV_INVALID_OPTION_ON_RECORD: 'options or arguments',
  CSV_OPTION_COLUMNS_MISSING_NAME: 'options or arguments',
  CSV_UNKNOWN_ERROR: 'options or arguments',
};

// A file that makes the parser raise each code it can raise from a file's bytes.
const FILES_BY_CODE: Partial<Record<CsvErrorCode, string>> = {
  INVALID_OPENING_QUOTE: 'a,b\n1,2\nx"y,z\n',
  CSV_INVALID_CLOSING_QUOTE: 'a,b\n1,2\n"x"y,z\n',
  CSV_QUOTE_NOT_CLOSED: 'a,b\n1,2\n"x,z\n',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a,b\n1,2\n"x" y,z\n',
  CSV_MAX_RECORD_SIZE: `a,b\n1,2\n"${'x,'.repeat(150)}\n`,
};

async function parserErrorOf(input: string): Promise<unknown> {
  try {
    await parseWithOurOptions(input);
  } catch (error) {
    return error;
  }
  return null;
}

describe('csvFailureOf', () => {
  it.each(Object.entries(FILES_BY_CODE))('a file raising %s is the client’s (4xx), never a 500', async (code, input) => {
    const error = await parserErrorOf(input);
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).code).toBe(code);
    const failure = csvFailureOf(error, { lastLine: 2, limits });
    expect(failure?.status).toBe(code === 'CSV_MAX_RECORD_SIZE' ? 413 : 400);
  });

  it('names every code csv-parse can raise from a file, and proves each with a file', () => {
    const fromFiles = Object.entries(CODE_ORIGIN).filter(([, origin]) => origin === 'file').map(([code]) => code);
    expect(Object.keys(FILES_BY_CODE).sort()).toEqual(fromFiles.sort());
  });

  it('never raises the column-count codes: relax_column_count keeps short and long rows', async () => {
    expect(((await parseWithOurOptions('a,b\n1\n1,2,3\n')) as { record: unknown }[]).map((row) => row.record)).toEqual([{ a: '1' }, { a: '1', b: '2' }]);
  });

  it('treats a CsvError of any code as the client’s, INVALID_OPENING_QUOTE without the CSV_ prefix included', () => {
    for (const code of Object.keys(CODE_ORIGIN) as CsvErrorCode[]) {
      expect([400, 413]).toContain(csvFailureOf(new CsvError(code, 'bad'), { lastLine: 1, limits })?.status);
    }
  });

  it('names where the broken row starts: after the last complete row the parser finished, whatever the reader got', async () => {
    const failureAfterReading = async (input: string) => {
      const progress = { lastLine: 0 };
      const parser = createCsvParser(limits, progress);
      let error: unknown = null;
      try {
        // One chunk: the rows before the broken one may be dropped with the error before the reader sees them.
        parser.end(input);
        for await (const row of parser) expect(row).toBeDefined();
      } catch (caught) {
        error = caught;
      }
      return csvFailureOf(error, { lastLine: progress.lastLine, limits });
    };
    expect(await failureAfterReading(`a,b\n1,2\n\n3,4\n"${'x,'.repeat(150)}\n`)).toEqual({
      status: 413,
      message: 'the row after line 4 has more than 200 bytes (IMPORT_MAX_ROW_BYTES); an unclosed quote?',
    });
    expect((await failureAfterReading('a,b\n1,2\n3,4\nx"y,z\n'))?.message).toMatch(
      /^the CSV could not be read in the row after line 3: Invalid Opening Quote: a quote is found on field "a" at line 4/,
    );
    expect((await failureAfterReading(`"${'h'.repeat(300)}\n`))?.message).toBe('the header row has more than 200 bytes (IMPORT_MAX_ROW_BYTES); an unclosed quote?');
  });

  it('leaves any other error to the caller (ours unless it says otherwise)', () => {
    expect(csvFailureOf(new Error('connection refused'), { lastLine: 1, limits })).toBeNull();
    expect(csvFailureOf(Object.assign(new Error('looks like one'), { code: 'CSV_QUOTE_NOT_CLOSED' }), { lastLine: 1, limits })).toBeNull();
  });
});

describe('oversizedField', () => {
  it('passes a field of exactly the bound in UTF-8 bytes and names the first one over it', () => {
    expect(oversizedField({ record: { a: 'x'.repeat(10), b: 'é'.repeat(5) }, line: 7, maxFieldBytes: 10 })).toBeNull();
    expect(oversizedField({ record: { a: 'ok', b: 'é'.repeat(6) }, line: 7, maxFieldBytes: 10 })).toEqual({
      status: 413,
      message:
        "line 7, column 'b': the field has 12 bytes; at most 10 (IMPORT_MAX_FIELD_BYTES)",
    });
  });
});
