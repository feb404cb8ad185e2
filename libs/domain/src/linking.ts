// Leg linking (events.md §4) as a pure function of the link graph, so the result does not
// depend on the order events arrived in: recomputed for every component a batch touches.

export interface LinkLeg {
  id: string;
  carrier: string;
  trackingNumber: string;
}

export interface LinkRoot {
  shipmentId: string;
  legId: string;
}

export interface LinkHandover {
  fromLegId: string;
  toLegId: string;
  occurredAtMs: number;
}

export interface ResolvedLeg {
  legId: string;
  shipmentId: string | null;
  parentLegId: string | null;
  linkedAtMs: number | null;
}

export interface LinkConflict {
  legId: string;
  winner: { fromLegId: string; shipmentId: string; occurredAtMs: number };
  losers: { fromLegId: string; shipmentId: string; occurredAtMs: number }[];
}

export interface LinkResolution {
  legs: ResolvedLeg[];
  /** For every shipment rooted in the component: the shipment it now belongs to (itself unless merged). */
  shipments: { shipmentId: string; effectiveShipmentId: string }[];
  conflicts: LinkConflict[];
}

// Code-unit order: localeCompare ignores control characters such as the key's separator, so it ties distinct keys.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Assignment = { shipmentId: string; parentLegId: string | null; linkedAtMs: number | null } | null;

/**
 * Each leg follows the earliest hand-over that reaches it from a linked leg; a leg with no such
 * hand-over belongs to the shipment it is the first leg of, if any. A first leg reached by a
 * hand-over joins the hand-over's shipment (its own shipment merges into that one).
 */
export function resolveLinks(input: { legs: LinkLeg[]; roots: LinkRoot[]; handovers: LinkHandover[] }): LinkResolution {
  const legById = new Map(input.legs.map((leg) => [leg.id, leg]));
  const naturalKey = (legId: string) => {
    const leg = legById.get(legId);
    return leg ? `${leg.carrier}\u001f${leg.trackingNumber}` : legId;
  };
  // Roots sorted by natural key so a leg registered twice resolves the same way every time.
  const rootOf = new Map<string, string>();
  for (const root of [...input.roots].sort((a, b) => compareText(a.shipmentId, b.shipmentId))) {
    if (!rootOf.has(root.legId)) rootOf.set(root.legId, root.shipmentId);
  }
  const incoming = new Map<string, LinkHandover[]>();
  const seenHandovers = new Set<string>();
  for (const handover of input.handovers) {
    if (handover.fromLegId === handover.toLegId) continue;
    // The same hand-over sent twice is one claim, not two.
    const handoverKey = JSON.stringify([handover.fromLegId, handover.toLegId, handover.occurredAtMs]);
    if (seenHandovers.has(handoverKey)) continue;
    seenHandovers.add(handoverKey);
    const list = incoming.get(handover.toLegId) ?? [];
    list.push(handover);
    incoming.set(handover.toLegId, list);
  }
  // Earliest first; equal instants break on the sender's natural key, never on ids or arrival.
  for (const list of incoming.values()) {
    list.sort((a, b) => a.occurredAtMs - b.occurredAtMs || compareText(naturalKey(a.fromLegId), naturalKey(b.fromLegId)));
  }

  const memo = new Map<string, Assignment>();
  const inProgress = new Set<string>();
  const resolve = (legId: string): Assignment => {
    if (memo.has(legId)) return memo.get(legId) ?? null;
    if (inProgress.has(legId)) return null; // a hand-over cycle: the edge closing it is ignored
    inProgress.add(legId);
    let result: Assignment = null;
    for (const handover of incoming.get(legId) ?? []) {
      const parent = resolve(handover.fromLegId);
      if (parent) {
        result = { shipmentId: parent.shipmentId, parentLegId: handover.fromLegId, linkedAtMs: handover.occurredAtMs };
        break;
      }
    }
    if (!result && rootOf.has(legId)) result = { shipmentId: rootOf.get(legId) as string, parentLegId: null, linkedAtMs: null };
    inProgress.delete(legId);
    memo.set(legId, result);
    return result;
  };

  const orderedLegs = [...input.legs].sort((a, b) => compareText(naturalKey(a.id), naturalKey(b.id)));
  for (const leg of orderedLegs) resolve(leg.id);
  // A leg cut off while a cycle through it was being resolved is memoised as unlinked even when a linked leg
  // hands over to it: link it now through its earliest hand-over from a linked leg, until nothing changes.
  const repairOrder = [...incoming.keys()].sort((a, b) => compareText(naturalKey(a), naturalKey(b)) || compareText(a, b));
  for (let changed = true; changed; ) {
    changed = false;
    for (const legId of repairOrder) {
      if (memo.get(legId)) continue;
      const parent = (incoming.get(legId) ?? []).find((handover) => memo.get(handover.fromLegId));
      const parentAssignment = parent ? memo.get(parent.fromLegId) : null;
      if (!parent || !parentAssignment) continue;
      memo.set(legId, { shipmentId: parentAssignment.shipmentId, parentLegId: parent.fromLegId, linkedAtMs: parent.occurredAtMs });
      changed = true;
    }
  }
  const legs: ResolvedLeg[] = orderedLegs.map((leg) => {
    const assignment = memo.get(leg.id) ?? null;
    return {
      legId: leg.id,
      shipmentId: assignment?.shipmentId ?? null,
      parentLegId: assignment?.parentLegId ?? null,
      linkedAtMs: assignment?.linkedAtMs ?? null,
    };
  });

  const resolvedById = new Map(legs.map((leg) => [leg.legId, leg]));
  const shipments = [...new Set(input.roots.map((root) => root.shipmentId))].sort().map((shipmentId) => {
    const rootLeg = input.roots.find((root) => root.shipmentId === shipmentId)?.legId;
    const effective = rootLeg ? resolvedById.get(rootLeg)?.shipmentId : null;
    return { shipmentId, effectiveShipmentId: effective ?? shipmentId };
  });

  const conflicts: LinkConflict[] = [];
  for (const leg of legs) {
    if (!leg.parentLegId || !leg.shipmentId) continue;
    const claims = (incoming.get(leg.legId) ?? [])
      .map((handover) => ({ handover, shipmentId: memo.get(handover.fromLegId)?.shipmentId ?? null }))
      .filter((claim): claim is { handover: LinkHandover; shipmentId: string } => claim.shipmentId !== null);
    const losers = claims.filter((claim) => claim.shipmentId !== leg.shipmentId);
    if (losers.length === 0) continue;
    const winner = claims.find((claim) => claim.handover.fromLegId === leg.parentLegId);
    if (!winner) continue;
    conflicts.push({
      legId: leg.legId,
      winner: { fromLegId: winner.handover.fromLegId, shipmentId: winner.shipmentId, occurredAtMs: winner.handover.occurredAtMs },
      losers: losers.map((claim) => ({
        fromLegId: claim.handover.fromLegId,
        shipmentId: claim.shipmentId,
        occurredAtMs: claim.handover.occurredAtMs,
      })),
    });
  }
  return { legs, shipments, conflicts };
}
