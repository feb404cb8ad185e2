/** Journey order: the first leg, then each leg after the leg that handed it over (earlier hand-over first). */
export function orderLegsByHandover<T extends { id: string; parentLegId: string | null; linkedAtMs: number | null }>(legs: readonly T[]): T[] {
  const ids = new Set(legs.map((leg) => leg.id));
  const children = new Map<string | null, T[]>();
  for (const leg of legs) {
    const parent = leg.parentLegId && ids.has(leg.parentLegId) ? leg.parentLegId : null;
    children.set(parent, [...(children.get(parent) ?? []), leg]);
  }
  const ordered: T[] = [];
  const visit = (parent: string | null) => {
    const next = [...(children.get(parent) ?? [])].sort((a, b) => (a.linkedAtMs ?? 0) - (b.linkedAtMs ?? 0) || a.id.localeCompare(b.id));
    for (const leg of next) {
      ordered.push(leg);
      visit(leg.id);
    }
  };
  visit(null);
  return ordered;
}
