import fc from 'fast-check';
import { Client } from 'pg';
import { arrayLiteral } from './pg-array';

// arrayLiteral must mean to PostgreSQL exactly what pg makes of the same array parameter: each case
// is sent both ways and the server's answers compared (and the literal's answer with the values).
describe('arrayLiteral', () => {
  const client = (() => {
    const url = new URL(process.env.LANEWATCH_TEST_TEMPLATE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = '/postgres';
    return new Client({ connectionString: url.toString() });
  })();
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  const strings = ['plain', '', 'NULL', 'null', ' spaced ', 'a,b', '{braces}', 'quote"inside', 'back\\slash', '\\"both\\"', 'tab\tnew\nline', 'ünïcødé ✓', "it's", '\\x00'];
  const cases: [string, unknown[]][] = [
    ['text', [...strings, null]],
    ['int', [0, -1, 2_147_483_647, null, 42]],
    ['bigint', ['9007199254740993', '-5', null]],
    ['float8', [0.1, -2.5e-12, 1e21, 123456.789, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null]],
    ['timestamptz', [new Date('2026-11-20T10:15:30.123Z'), '2026-01-01T00:00:00+02:00', null]],
    ['bool', [true, false, null]],
    ['bytea', [Buffer.from([0, 1, 254, 255]), new Uint8Array([7, 8]), Buffer.alloc(0), null]],
    ['jsonb', [{ a: 1, b: 'x"y\\z' }, { list: [1, 2] }, '"scalar"', null]],
    ['uuid', ['0c1e6a52-0f5e-4d55-9d3c-2f5b2d1c7a10', null]],
    ['char(1)', ['s', 'l', null]],
    // Written in one JSON.stringify when nothing needs escaping; element by element when something does.
    ['text', ['plain', 'a,b', '{x}', ' ', '', 'NULL', null, undefined, 'ünïcødé ✓ 𝄞']],
    ['text', ['plain', 'lone \ud800 surrogate', null]],
    ['text', ['control \u0001 character', 'plain']],
    ['int', [1, null, -7, undefined]],
    ['float8', [0.1, -0, 5e-324, 1.7976931348623157e308, null]],
    ['text', []],
  ];

  it.each(cases)('%s[]: the literal means what pg sends for the array', async (type, values) => {
    const sql = `SELECT $1::${type}[]::text AS text`;
    const viaPg = (await client.query<{ text: string }>(sql, [values])).rows[0].text;
    const viaLiteral = (await client.query<{ text: string }>(sql, [arrayLiteral(values)])).rows[0].text;
    expect(viaLiteral).toBe(viaPg);
  });

  it('keeps every string as it was, and null as null', async () => {
    const values = [...strings, null];
    const back = (await client.query<{ values: (string | null)[] }>(`SELECT $1::text[] AS values`, [arrayLiteral(values)])).rows[0].values;
    expect(back).toEqual(values);
  });

  it('means what pg sends for any strings and numbers, escaped or not (property)', async () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', 'NULL', '', ' '), fc.constant(null));
    const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(text), fc.array(number)), async (values) => {
        const type = values.some((value) => typeof value === 'number') ? 'float8' : 'text';
        // The same answer, or the same refusal (PostgreSQL text cannot hold a NUL character).
        const answer = (parameter: unknown) =>
          client.query<{ text: string }>(`SELECT $1::${type}[]::text AS text`, [parameter]).then(
            (result) => result.rows[0].text,
            (error: Error) => `refused: ${error.message}`,
          );
        expect(await answer(arrayLiteral(values))).toBe(await answer(values));
      }),
      { numRuns: 300 },
    );
  });

  it('nests arrays as pg does', async () => {
    const values = [
      [1, 2],
      [3, null],
    ];
    const sql = `SELECT $1::int[][]::text AS text`;
    expect((await client.query<{ text: string }>(sql, [arrayLiteral(values)])).rows[0].text).toBe((await client.query<{ text: string }>(sql, [values])).rows[0].text);
  });
});
