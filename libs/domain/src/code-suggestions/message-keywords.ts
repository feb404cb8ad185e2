import type { Milestone } from '../milestones';

export type MessageKeyword = { phrase: string; milestone: Milestone; source: string };

// The fallback when no other carrier shares a code's texts. Small on purpose: each phrase is
// unambiguous on its own and names where it comes from (events.md §1's milestone definitions or
// the real payload corpus in libs/formats/src/*/fixtures/real). Phrases are in normalised form
// (see normaliseMessage). A bare "customs" is left out: it cannot tell import from export, nor
// started from held or released.
export const MESSAGE_KEYWORDS: readonly MessageKeyword[] = [
  { phrase: 'delivered', milestone: 'DELIVERED', source: 'events.md §1 DELIVERED; aftership/fixtures/real/after-ship-delivered-ok.json "Delivered"' },
  { phrase: 'entregue', milestone: 'DELIVERED', source: 'seventeen-track/fixtures/tracking-updated.json "Objeto entregue ao destinatário"' },
  { phrase: 'out for delivery', milestone: 'OUT_FOR_DELIVERY', source: 'events.md §1 OUT_FOR_DELIVERY; aftership/fixtures/real/after-ship-delivered-ok.json "Out for delivery"' },
  { phrase: 'available for pickup', milestone: 'AVAILABLE_FOR_PICKUP', source: 'events.md §1 AVAILABLE_FOR_PICKUP; formats.md 17TRACK stage AvailableForPickup' },
  { phrase: 'delivery attempted', milestone: 'DELIVERY_FAILED', source: 'events.md §1 DELIVERY_FAILED "delivery attempted and not completed"' },
  { phrase: 'picked up', milestone: 'ACCEPTED', source: 'events.md §1 ACCEPTED; aftership/fixtures/real/pyaftership-get-trackings.json "Picked up"' },
  { phrase: 'accepted by carrier', milestone: 'ACCEPTED', source: 'cainiao/fixtures/real/AE010698498.json "Accepted by carrier"' },
  { phrase: 'label created', milestone: 'INFO_RECEIVED', source: 'events.md §1 INFO_RECEIVED; easypost/fixtures/real/python-shipment-get-next-page.json "Shipping Label Created"' },
  {
    phrase: 'export customs clearance started',
    milestone: 'EXPORT_CUSTOMS_STARTED',
    source: 'cainiao/fixtures/real/AE010698498.json "Export customs clearance started"',
  },
  {
    phrase: 'export customs clearance complete',
    milestone: 'EXPORT_CUSTOMS_CLEARED',
    source: 'cainiao/fixtures/real/AE010698498.json "Export customs clearance complete"',
  },
  {
    phrase: 'import customs clearance started',
    milestone: 'IMPORT_CUSTOMS_STARTED',
    source: 'cainiao/fixtures/real/AE010698498.json "Import customs clearance started"',
  },
  {
    phrase: 'import customs clearance complete',
    milestone: 'IMPORT_CUSTOMS_RELEASED',
    source: 'cainiao/fixtures/real/AE010698498.json "Import customs clearance complete"',
  },
  {
    phrase: 'departed from departure country',
    milestone: 'DEPARTED_ORIGIN',
    source: 'events.md §1 DEPARTED_ORIGIN; cainiao/fixtures/real/AE010698498.json "Departed from departure country/region"',
  },
];

// A negation before a phrase ("could not be delivered") voids the match.
export const NEGATION_WORDS: ReadonlySet<string> = new Set(['not', 'no', 'unable', 'cannot', 'failed', 'nao', 'nicht', 'never', 'un']);
