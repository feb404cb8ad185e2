// Link conflicts (events.md §4, §9) in words, for admins in full and for a carrier key confined to its legs.

/** A stored data-quality issue, as its repository reads it. */
export interface LinkIssueRecord {
  kind: string;
  leg_id: string;
  details: unknown;
  related_leg_ids?: string[] | null;
  detected_at: Date;
}

export interface LegName {
  carrier: string;
  trackingNumber: string;
}

interface StoredClaim {
  fromLegId: string | null;
  shipmentId: string | null;
  occurredAt: string | null;
}

interface StoredConflict {
  winner?: StoredClaim;
  losers?: StoredClaim[];
}

/**
 * A link conflict in words and names. `visible` limits what a carrier key sees (events.md §9): a leg
 * outside it is "another carrier's leg", with no tracking number, instant or shipment.
 */
export function presentLinkIssue(input: { issue: LinkIssueRecord; names: Map<string, LegName>; visible: ((legId: string) => boolean) | null }) {
  const { issue, names, visible } = input;
  const shown = (legId: string | null) => legId !== null && (visible === null || visible(legId));
  const name = (legId: string | null) => (legId !== null && shown(legId) ? (names.get(legId) ?? null) : null);
  const words = (legId: string | null) => {
    const leg = name(legId);
    return leg ? `${leg.carrier} ${leg.trackingNumber}` : "another carrier's leg";
  };
  const details = (issue.details ?? {}) as StoredConflict;
  const claim = (stored: StoredClaim | undefined) =>
    stored && shown(stored.fromLegId)
      ? { from: name(stored.fromLegId), shipmentId: visible === null ? stored.shipmentId : null, occurredAt: stored.occurredAt }
      : { from: null, shipmentId: null, occurredAt: null };
  const winner = details.winner;
  const losers = details.losers ?? [];
  const contested = words(issue.leg_id);
  const detail =
    issue.kind === 'pinned_link_contradicted'
      ? `${contested} is pinned by an administrator to ${winner?.fromLegId ? `follow ${words(winner.fromLegId)}` : 'no hand-over'}; ignored claims from ${losers.map((loser) => words(loser.fromLegId)).join(', ')}`
      : `${contested} is claimed by more than one shipment's hand-over: the earliest, from ${words(winner?.fromLegId ?? null)}, is followed; not followed: ${losers.map((loser) => words(loser.fromLegId)).join(', ')}`;
  return {
    kind: issue.kind,
    leg: name(issue.leg_id),
    detail,
    conflict: { winner: claim(winner), losers: losers.filter((loser) => shown(loser.fromLegId)).map((loser) => claim(loser)) },
    detectedAt: issue.detected_at,
  };
}

/** Every leg an issue names, to look up once. */
export function legIdsOfIssues(issues: LinkIssueRecord[]): string[] {
  const ids = new Set<string>();
  for (const issue of issues) {
    ids.add(issue.leg_id);
    for (const id of issue.related_leg_ids ?? []) ids.add(String(id));
  }
  return [...ids];
}
