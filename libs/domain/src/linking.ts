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

/**
 * An administrator's decision on a leg's link (events.md §9): it follows the hand-over from
 * `parentLegId` only (null: from no leg, it stays a first leg or unlinked); other claims are ignored.
 */
export interface LinkPin {
  legId: string;
  parentLegId: string | null;
}

export interface ResolvedLeg {
  legId: string;
  shipmentId: string | null;
  parentLegId: string | null;
  linkedAtMs: number | null;
}

export type LinkConflictKind = 'leg_claimed_twice' | 'pinned_link_contradicted';

export interface LinkConflict {
  kind: LinkConflictKind;
  legId: string;
  /** The claim that holds: the earliest hand-over, or the pinned parent (fromLegId null: pinned to none). */
  winner: { fromLegId: string | null; shipmentId: string | null; occurredAtMs: number | null };
  /** Claims from other shipments' legs (or, under a pin, from any other leg) that were not followed. */
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
/** A hand-over a leg may follow; a pinned parent with no hand-over event has no instant. */
type Claim = { fromLegId: string; occurredAtMs: number | null };

/**
 * Each leg follows the earliest hand-over that reaches it from a linked leg; a leg with no such
 * hand-over belongs to the shipment it is the first leg of, if any. A first leg reached by a
 * hand-over joins the hand-over's shipment (its own shipment merges into that one).
 */
export function resolveLinks(input: { legs: LinkLeg[]; roots: LinkRoot[]; handovers: LinkHandover[]; pins?: LinkPin[] }): LinkResolution {
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

  // A pinned leg follows its pinned parent only: the hand-over from it (earliest), or the pin alone.
  const pinOf = new Map((input.pins ?? []).map((pin) => [pin.legId, pin.parentLegId]));
  const claimsOf = (legId: string): Claim[] => {
    const all = incoming.get(legId) ?? [];
    if (!pinOf.has(legId)) return all;
    const parentLegId = pinOf.get(legId) ?? null;
    if (parentLegId === null) return [];
    const fromParent = all.find((handover) => handover.fromLegId === parentLegId);
    return [{ fromLegId: parentLegId, occurredAtMs: fromParent ? fromParent.occurredAtMs : null }];
  };

  const memo = new Map<string, Assignment>();
  const inProgress = new Set<string>();
  const resolve = (legId: string): Assignment => {
    if (memo.has(legId)) return memo.get(legId) ?? null;
    if (inProgress.has(legId)) return null; // a hand-over cycle: the edge closing it is ignored
    inProgress.add(legId);
    let result: Assignment = null;
    for (const claim of claimsOf(legId)) {
      const parent = resolve(claim.fromLegId);
      if (parent) {
        result = { shipmentId: parent.shipmentId, parentLegId: claim.fromLegId, linkedAtMs: claim.occurredAtMs };
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
  const repairOrder = [...new Set([...incoming.keys(), ...pinOf.keys()])].sort((a, b) => compareText(naturalKey(a), naturalKey(b)) || compareText(a, b));
  for (let changed = true; changed; ) {
    changed = false;
    for (const legId of repairOrder) {
      if (memo.get(legId)) continue;
      const parent = claimsOf(legId).find((claim) => memo.get(claim.fromLegId));
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
    const claims = (incoming.get(leg.legId) ?? [])
      .map((handover) => ({ handover, shipmentId: memo.get(handover.fromLegId)?.shipmentId ?? null }))
      .filter((claim): claim is { handover: LinkHandover; shipmentId: string } => claim.shipmentId !== null);
    const loser = (claim: (typeof claims)[number]) => ({
      fromLegId: claim.handover.fromLegId,
      shipmentId: claim.shipmentId,
      occurredAtMs: claim.handover.occurredAtMs,
    });
    if (pinOf.has(leg.legId)) {
      // Under a pin every claim from another leg is listed and ignored.
      const pinned = pinOf.get(leg.legId) ?? null;
      const ignored = claims.filter((claim) => claim.handover.fromLegId !== pinned);
      if (ignored.length === 0) continue;
      conflicts.push({
        kind: 'pinned_link_contradicted',
        legId: leg.legId,
        winner: { fromLegId: pinned, shipmentId: leg.shipmentId, occurredAtMs: leg.linkedAtMs },
        losers: ignored.map(loser),
      });
      continue;
    }
    if (!leg.parentLegId || !leg.shipmentId) continue;
    const losers = claims.filter((claim) => claim.shipmentId !== leg.shipmentId);
    if (losers.length === 0) continue;
    const winner = claims.find((claim) => claim.handover.fromLegId === leg.parentLegId);
    if (!winner) continue;
    conflicts.push({
      kind: 'leg_claimed_twice',
      legId: leg.legId,
      winner: { fromLegId: winner.handover.fromLegId, shipmentId: winner.shipmentId, occurredAtMs: winner.handover.occurredAtMs },
      losers: losers.map(loser),
    });
  }
  return { legs, shipments, conflicts };
}
