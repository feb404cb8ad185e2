/*
 * Spec support for real payloads that public repositories keep as Python literals (a JSON body pasted
 * into a test, reformatted by black): the literal is saved verbatim and read here. Outside strings it
 * drops `#` comments and trailing commas, reads `True`/`False`/`None` (and a bare `null`, which such
 * tests define as a name) as JSON and joins digit groups (`1_770_362_717_000`); strings are kept as
 * written (their escapes are JSON's). Not a Python parser: it reads what those files hold.
 */
const WORDS: Readonly<Record<string, string>> = { True: 'true', False: 'false', None: 'null', null: 'null' };

export function pythonLiteralToJson(literal: string): unknown {
  let out = '';
  let index = 0;
  while (index < literal.length) {
    const char = literal[index];
    if (char === '"') {
      const end = stringEnd(literal, index);
      out += literal.slice(index, end);
      index = end;
    } else if (char === ',' && /^(?:\s|#[^\n]*)*[}\]]/.test(literal.slice(index + 1))) {
      index += 1; // a trailing comma
    } else if (char === '#') {
      while (index < literal.length && literal[index] !== '\n') index += 1;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = /^[A-Za-z_]\w*/.exec(literal.slice(index))?.[0] ?? char;
      const json = WORDS[word];
      if (json === undefined) throw new Error(`unexpected name '${word}' at ${index}`);
      out += json;
      index += word.length;
    } else if (/\d/.test(char)) {
      const number = /^[\d_.eE+-]+/.exec(literal.slice(index))?.[0] ?? char;
      out += number.replace(/_/g, '');
      index += number.length;
    } else {
      out += char;
      index += 1;
    }
  }
  return JSON.parse(out);
}

/** The index just past the closing quote of the double-quoted string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return index + 1;
}
