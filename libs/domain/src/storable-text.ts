/** How deep a kept raw payload may nest (events.md §8); deeper is refused before 202. */
export const MAX_RAW_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What PostgreSQL's text and jsonb refuse in a string: a NUL character or a lone UTF-16 surrogate. */
export function unstorableText(value: string): string | null {
  if (value.includes('\u0000')) return 'a NUL character';
  if (LONE_SURROGATE.test(value)) return 'a lone UTF-16 surrogate';
  return null;
}

/**
 * Every string (keys included) of a JSON value that the database would refuse, and nesting deeper
 * than maxDepth, each named by its path; the walk stops at that depth, so a hostile value costs little.
 */
export function storageProblems(value: unknown, path: string, maxDepth = MAX_RAW_DEPTH): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, at: string, depth: number) => {
    if (problems.length >= 5) return;
    if (typeof node === 'string') {
      const problem = unstorableText(node);
      if (problem) problems.push(`${at} holds ${problem}, which cannot be stored`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (depth >= maxDepth) {
      problems.push(`${at} nests deeper than ${maxDepth} levels`);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, `${at}[${index}]`, depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(node)) {
      const problem = unstorableText(key);
      if (problem) problems.push(`${at} has a key that holds ${problem}, which cannot be stored`);
      else walk(item, at ? `${at}.${key}` : key, depth + 1);
    }
  };
  walk(value, path, 0);
  return problems;
}

/**
 * A message that may quote a client's value, made storable: a NUL shown as the text \u0000 and a lone
 * surrogate as U+FFFD (an import's rejection reasons quote the cells they refuse).
 */
export function storableMessage(text: string): string {
  return text.replace(/\u0000/g, '\\u0000').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}
