import type { CanonicalEvent, Feed } from './feed.types';
import { type Random, createRandom, deriveSeed } from './random.util';
import { HOUR_MS, formatUtc, formatWithFixedOffset, offsetMinutesOf } from './time.util';

export interface PlanDeliveriesOptions {
  seed: number;
  /** At most this many events per batch (the API takes 5,000). */
  batchSize: number;
  /** Share of events re-sent as exact copies, e.g. 0.05. */
  duplicateRate?: number;
  /** Share of events re-sent with the same instant written in another UTC offset, e.g. 0.02. */
  offsetVariantRate?: number;
  /** Random order across shipments; otherwise roughly the order things happened in. */
  shuffle: boolean;
  /** Deliver some last-mile legs before the hand-over that links them. Default true. */
  lastMileFirst?: boolean;
  /** Share of eligible journeys whose hand-over arrives last. Default 0.3. */
  lastMileFirstRate?: number;
}

export interface DeliveryBatch {
  carrier: string;
  events: CanonicalEvent[];
}

export interface DeliveryPlan {
  batches: DeliveryBatch[];
  /** Distinct events (events.md §6): what `eventsStored` must equal once ingested. */
  uniqueCount: number;
  duplicateCount: number;
  offsetVariantCount: number;
  totalEvents: number;
  /** Journeys whose last-mile events are all planned before their hand-over. */
  lastMileFirstJourneys: string[];
}

type ItemKind = 'original' | 'duplicate' | 'offset-variant';

interface PlannedItem {
  /** Index of the unique event this item is a copy of. */
  key: number;
  carrier: string;
  event: CanonicalEvent;
  sortKey: number;
  kind: ItemKind;
}

interface WorkingBatch {
  carrier: string;
  items: PlannedItem[];
  keys: Set<number>;
}

function checkRate(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new Error(`${name} must be between 0 and 1, got ${value}`);
  return value;
}

// Same instant, other writing: a UTC re-send of a local time, or a CN system's +08:00 of a UTC one.
export function offsetVariantOf(event: CanonicalEvent): CanonicalEvent {
  const instant = Date.parse(event.occurredAt);
  const occurredAt = offsetMinutesOf(event.occurredAt) === 0 ? formatWithFixedOffset(instant, 8 * 60) : formatUtc(instant);
  return { ...structuredClone(event), occurredAt };
}

function collectItems(feed: Feed, options: PlanDeliveriesOptions, random: Random) {
  const duplicateRate = checkRate('duplicateRate', options.duplicateRate ?? 0);
  const offsetVariantRate = checkRate('offsetVariantRate', options.offsetVariantRate ?? 0);
  const lastMileFirstRate = checkRate('lastMileFirstRate', options.lastMileFirstRate ?? 0.3);

  const eligible = feed.journeys.filter((journey) => journey.legs.slice(1).some((leg) => leg.events.length > 0));
  const chosen = new Set<string>();
  if (options.lastMileFirst ?? true) {
    for (const journey of eligible) if (random.chance(lastMileFirstRate)) chosen.add(journey.id);
    if (chosen.size === 0 && eligible.length > 0 && lastMileFirstRate > 0) chosen.add(random.pick(eligible).id);
  }

  const items: PlannedItem[] = [];
  const deferredKeys = new Set<number>();
  let key = 0;
  for (const journey of feed.journeys) {
    for (const leg of journey.legs) {
      for (const event of leg.events) {
        const at = Date.parse(event.occurredAt);
        const sortKey = options.shuffle ? random.next() : at;
        items.push({ key, carrier: leg.carrier, event: structuredClone(event), sortKey, kind: 'original' });
        if (chosen.has(journey.id) && event.handover !== undefined) deferredKeys.add(key);
        key += 1;
      }
    }
  }
  const uniqueCount = items.length;
  // Re-sends arrive later than the original in a realistic stream: hours to days after.
  const resendKey = (original: PlannedItem): number =>
    options.shuffle ? random.next() : original.sortKey + random.float(1, 72) * HOUR_MS;
  for (let index = 0; index < uniqueCount; index += 1) {
    const original = items[index];
    if (random.chance(duplicateRate)) {
      items.push({ ...original, event: structuredClone(original.event), sortKey: resendKey(original), kind: 'duplicate' });
    }
    if (random.chance(offsetVariantRate)) {
      items.push({ ...original, event: offsetVariantOf(original.event), sortKey: resendKey(original), kind: 'offset-variant' });
    }
  }
  return { items, uniqueCount, deferredKeys, chosen };
}

function chunkByCarrier(items: readonly PlannedItem[], batchSize: number, shuffle: boolean, random: Random): WorkingBatch[] {
  const byCarrier = new Map<string, PlannedItem[]>();
  for (const item of items) {
    const list = byCarrier.get(item.carrier) ?? [];
    list.push(item);
    byCarrier.set(item.carrier, list);
  }
  const batches: WorkingBatch[] = [];
  for (const [carrier, list] of byCarrier) {
    list.sort((a, b) => a.sortKey - b.sortKey);
    for (let start = 0; start < list.length; start += batchSize) {
      const chunk = list.slice(start, start + batchSize);
      batches.push({ carrier, items: chunk, keys: new Set(chunk.map((item) => item.key)) });
    }
  }
  if (shuffle) return random.shuffle(batches);
  return batches.sort((a, b) => a.items[0].sortKey - b.items[0].sortKey);
}

// A copy in the same batch as its original would only test in-batch dedup; moving it to
// another batch of the same carrier makes dedup work across requests, as in real feeds.
function separateCopies(batches: WorkingBatch[], batchSize: number, random: Random): WorkingBatch[] {
  const extra: WorkingBatch[] = [];
  const byCarrier = new Map<string, WorkingBatch[]>();
  for (const batch of batches) byCarrier.set(batch.carrier, [...(byCarrier.get(batch.carrier) ?? []), batch]);
  for (const batch of batches) {
    const siblings = (byCarrier.get(batch.carrier) ?? []).filter((other) => other !== batch);
    const seen = new Set<number>();
    for (let position = 0; position < batch.items.length; position += 1) {
      const item = batch.items[position];
      if (!seen.has(item.key)) {
        seen.add(item.key);
        continue;
      }
      if (swapIntoSibling(batch, position, siblings, random)) {
        seen.add(batch.items[position].key);
        continue;
      }
      batch.items.splice(position, 1);
      position -= 1;
      let home = extra.find((candidate) => candidate.carrier === item.carrier && !candidate.keys.has(item.key) && candidate.items.length < batchSize);
      if (home === undefined) {
        home = { carrier: item.carrier, items: [], keys: new Set() };
        extra.push(home);
      }
      home.items.push(item);
      home.keys.add(item.key);
    }
    batch.keys = new Set(batch.items.map((item) => item.key));
  }
  return [...batches, ...extra];
}

function swapIntoSibling(batch: WorkingBatch, position: number, siblings: readonly WorkingBatch[], random: Random): boolean {
  const item = batch.items[position];
  for (let attempt = 0; attempt < 20 && siblings.length > 0; attempt += 1) {
    const target = random.pick(siblings);
    if (target.keys.has(item.key) || target.items.length === 0) continue;
    const targetPosition = random.int(0, target.items.length - 1);
    const other = target.items[targetPosition];
    const otherCount = batch.items.filter((candidate) => candidate.key === other.key).length;
    if (otherCount > 0) continue;
    batch.items[position] = other;
    target.items[targetPosition] = item;
    target.keys = new Set(target.items.map((candidate) => candidate.key));
    return true;
  }
  return false;
}

export function planDeliveries(feed: Feed, options: PlanDeliveriesOptions): DeliveryPlan {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new Error(`batchSize must be a positive integer, got ${options.batchSize}`);
  }
  const random = createRandom(deriveSeed(options.seed, 'plan-deliveries'));
  const { items, uniqueCount, deferredKeys, chosen } = collectItems(feed, options, random);

  // Deferred hand-overs (and their copies) form a second phase, so for the chosen journeys
  // every last-mile event is planned before the event that links its leg.
  const firstPhase = items.filter((item) => !deferredKeys.has(item.key));
  const secondPhase = items.filter((item) => deferredKeys.has(item.key));
  const phases = [firstPhase, secondPhase].map((phaseItems) =>
    separateCopies(chunkByCarrier(phaseItems, options.batchSize, options.shuffle, random), options.batchSize, random),
  );
  const batches = phases
    .flat()
    .filter((batch) => batch.items.length > 0)
    .map((batch) => ({ carrier: batch.carrier, events: batch.items.map((item) => item.event) }));

  return {
    batches,
    uniqueCount,
    duplicateCount: items.filter((item) => item.kind === 'duplicate').length,
    offsetVariantCount: items.filter((item) => item.kind === 'offset-variant').length,
    totalEvents: items.length,
    lastMileFirstJourneys: feed.journeys.filter((journey) => chosen.has(journey.id)).map((journey) => journey.id),
  };
}
