import { asArray, asRecord, isRecord, optionalNumber, optionalText, requiredNumber, text } from './parse.util';

export type CarrierSummary = { code: string; name: string };

export function parseCarrierList(body: unknown): CarrierSummary[] {
  return asArray(body, 'carriers').map((item, index) => {
    const path = `carriers[${index}]`;
    const record = asRecord(item, path);
    const code = text(record, 'code', path);
    return { code, name: optionalText(record, 'name', path) ?? code };
  });
}

export type UnmappedCode = { code: string; events: number; lastSeenAt: string | null };

export type DataQuality = {
  carrier: string;
  unmappedEvents: number;
  unmappedCodes: UnmappedCode[];
  unlinkedEvents: number;
  unlinkedLegs: number;
  // Linking conflicts; the panel shows how many (their detail is a shipment-level matter).
  issues: number;
};

export function parseDataQuality(body: unknown): DataQuality {
  const path = 'dataQuality';
  const record = asRecord(body, path);
  const issues = record.issues === undefined ? [] : asArray(record.issues, `${path}.issues`);
  return {
    carrier: text(record, 'carrier', path),
    unmappedEvents: requiredNumber(record, 'unmappedEvents', path),
    unmappedCodes: asArray(record.unmappedCodes, `${path}.unmappedCodes`).map((item, index) => {
      const at = `${path}.unmappedCodes[${index}]`;
      const entry = asRecord(item, at);
      return {
        code: text(entry, 'code', at),
        events: requiredNumber(entry, 'events', at),
        lastSeenAt: optionalText(entry, 'lastSeenAt', at),
      };
    }),
    unlinkedEvents: requiredNumber(record, 'unlinkedEvents', path),
    unlinkedLegs: optionalNumber(record, 'unlinkedLegs', path) ?? 0,
    issues: issues.length,
  };
}

export type CodeMapMappings = Record<string, string>;

export function parseCodeMap(body: unknown): CodeMapMappings {
  const record = asRecord(body, 'codeMap');
  if (!isRecord(record.mappings)) {
    throw new TypeError('codeMap.mappings must be an object');
  }
  const mappings: CodeMapMappings = {};
  for (const [code, milestone] of Object.entries(record.mappings)) {
    if (typeof milestone !== 'string') {
      throw new TypeError(`codeMap.mappings.${code} must be a string`);
    }
    mappings[code] = milestone;
  }
  return mappings;
}

export type RemapResult = { codes: string[] };

export function parseCodeMapReplaced(body: unknown): RemapResult {
  const record = asRecord(body, 'codeMap');
  const remap = isRecord(record.remap) ? record.remap : {};
  const codes = Array.isArray(remap.codes) ? remap.codes.filter((code): code is string => typeof code === 'string') : [];
  return { codes };
}

export type CodeSuggestion = {
  code: string;
  milestone: string | null;
  basis: 'other_carriers' | 'keywords' | null;
  summary: string;
  peerEvents: number;
  agreeingEvents: number;
  examples: string[];
};

// GET /carriers/{code}/code-map/suggestions: one entry per unmapped code, keyed by code.
export function parseCodeSuggestions(body: unknown): Map<string, CodeSuggestion> {
  const path = 'suggestions';
  const record = asRecord(body, path);
  const suggestions = new Map<string, CodeSuggestion>();
  asArray(record.codes, `${path}.codes`).forEach((item, index) => {
    const at = `${path}.codes[${index}]`;
    const entry = asRecord(item, at);
    const suggestion = asRecord(entry.suggestion, `${at}.suggestion`);
    const evidence = asRecord(suggestion.evidence, `${at}.suggestion.evidence`);
    const basis = suggestion.basis === 'other_carriers' || suggestion.basis === 'keywords' ? suggestion.basis : null;
    const examples = asArray(evidence.texts, `${at}.suggestion.evidence.texts`).flatMap((text) =>
      isRecord(text) && Array.isArray(text.examples) ? text.examples.filter((example): example is string => typeof example === 'string') : [],
    );
    const code = text(entry, 'code', at);
    suggestions.set(code, {
      code,
      milestone: optionalText(suggestion, 'milestone', `${at}.suggestion`),
      basis,
      summary: text(suggestion, 'summary', `${at}.suggestion`),
      peerEvents: requiredNumber(evidence, 'peerEvents', `${at}.suggestion.evidence`),
      agreeingEvents: requiredNumber(evidence, 'agreeingEvents', `${at}.suggestion.evidence`),
      examples: examples.slice(0, 3),
    });
  });
  return suggestions;
}
