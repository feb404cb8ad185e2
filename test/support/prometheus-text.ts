// A strict reader of the Prometheus text exposition format (0.0.4), enough to check what /metrics
// serves: a malformed line throws instead of being skipped, so a broken page fails the spec.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  types: Map<string, string>;
  /** The one sample of `name` whose labels include every pair of `labels`; undefined when none. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** Every sample of `name` whose labels include every pair of `labels`. */
  find(name: string, labels?: Record<string, string>): Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let at = 0;
  while (at < text.length) {
    const equals = text.indexOf('=', at);
    const name = text.slice(at, equals);
    if (equals < 0 || !LABEL_NAME.test(name) || text[equals + 1] !== '"') throw new Error(`bad label in: ${line}`);
    let value = '';
    let index = equals + 2;
    for (; index < text.length && text[index] !== '"'; index += 1) {
      if (text[index] === '\\') {
        index += 1;
        const escaped = text[index];
        value += escaped === 'n' ? '\n' : escaped;
      } else {
        value += text[index];
      }
    }
    if (text[index] !== '"') throw new Error(`unterminated label value in: ${line}`);
    if (name in labels) throw new Error(`label ${name} twice in: ${line}`);
    labels[name] = value;
    at = index + 1;
    if (text[at] === ',') at += 1;
    else if (at !== text.length) throw new Error(`bad label separator in: ${line}`);
  }
  return labels;
}

// As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case; prom-client writes an empty
// histogram's mean as `Nan`.
function parseValue(text: string, line: string): number {
  if (/^[+]?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return Number.NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`bad value in: ${line}`);
  return value;
}

export function parsePrometheusText(body: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const [, keyword, name, ...rest] = line.split(' ');
      if (keyword === 'TYPE') {
        if (!NAME.test(name) || !['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest[0])) throw new Error(`bad TYPE line: ${line}`);
        if (types.has(name)) throw new Error(`TYPE of ${name} twice`);
        types.set(name, rest[0]);
      } else if (keyword !== 'HELP') {
        throw new Error(`unknown comment: ${line}`);
      }
      continue;
    }
    const brace = line.indexOf('{');
    let name: string;
    let labels: Record<string, string> = {};
    let rest: string;
    if (brace >= 0) {
      const close = line.lastIndexOf('}');
      if (close < brace) throw new Error(`unclosed labels in: ${line}`);
      name = line.slice(0, brace);
      labels = parseLabels(line.slice(brace + 1, close), line);
      rest = line.slice(close + 1).trim();
    } else {
      const space = line.indexOf(' ');
      name = line.slice(0, space);
      rest = line.slice(space + 1).trim();
    }
    if (!NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
    samples.push({ name, labels, value: parseValue(rest.split(' ')[0], line) });
  }
  const find = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  return {
    samples,
    types,
    find,
    value(name, labels = {}) {
      const found = find(name, labels);
      if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
      return found[0]?.value;
    },
  };
}
