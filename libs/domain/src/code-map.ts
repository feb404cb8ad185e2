import { z } from 'zod';
import { isMilestone, Milestone, MILESTONES } from './milestones';

export const MAX_CODE_MAP_ENTRIES = 5000;

export type CodeMap = ReadonlyMap<string, Milestone>;

export type CodeMapParseResult = { ok: true; mappings: Map<string, Milestone> } | { ok: false; errors: string[] };

const bodySchema = z.object(
  { mappings: z.record(z.string(), z.unknown(), { error: 'mappings must be an object of rawCode -> milestone' }) },
  { error: 'body must be a JSON object with a mappings object' },
);

/** PUT /carriers/{code}/code-map body: {"mappings": {"EMA": "ACCEPTED", ...}}; the whole map is replaced. */
export function parseCodeMapBody(body: unknown): CodeMapParseResult {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
  const entries = Object.entries(parsed.data.mappings);
  const errors: string[] = [];
  if (entries.length > MAX_CODE_MAP_ENTRIES) errors.push(`mappings must have at most ${MAX_CODE_MAP_ENTRIES} entries`);
  const mappings = new Map<string, Milestone>();
  for (const [rawCode, milestone] of entries) {
    const code = rawCode.trim();
    if (code.length === 0 || code.length > 200) errors.push(`mappings key '${rawCode}' must be 1-200 characters`);
    else if (!isMilestone(milestone)) {
      errors.push(`mappings['${code}'] must be one of ${MILESTONES.join(', ')}`);
    } else mappings.set(code, milestone);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mappings };
}

/** An explicit milestone wins; otherwise the carrier's code map decides; otherwise unmapped (null). */
export function resolveMilestone(event: { milestone: Milestone | null; code: string | null }, codeMap: CodeMap): Milestone | null {
  if (event.milestone) return event.milestone;
  if (event.code) return codeMap.get(event.code) ?? null;
  return null;
}

/** Codes whose resolution differs between two maps: the events that must be re-mapped. */
export function changedCodes(before: CodeMap, after: CodeMap): string[] {
  const codes = new Set<string>([...before.keys(), ...after.keys()]);
  return [...codes].filter((code) => before.get(code) !== after.get(code)).sort();
}
