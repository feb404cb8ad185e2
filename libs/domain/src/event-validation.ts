import { z } from 'zod';
import { toAlpha2 } from './country';
import { DELIVERED_SUBTYPES, isMilestone, Milestone, MILESTONES } from './milestones';
import { checkOccurredAt, formatUtc, parseInstantWithOffset } from './timestamps';
import type { EventIdentityOf } from './event-identity';

export const TRACKING_NUMBER_PATTERN = /^[A-Za-z0-9._-]{4,64}$/;
export const CARRIER_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{1,39}$/;
export const MAX_EVENTS_PER_REQUEST = 5000;
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;

export interface ShipmentBlock {
  origin: string | null;
  destination: string | null;
  serviceLevel: string | null;
  promisedBy: string | null;
  orderRef: string | null;
}

export interface NormalizedLocation {
  country: string | null;
  city: string | null;
  facility: string | null;
}

/** An accepted event, as the API stores it in the inbox and the worker inserts it. */
export interface NormalizedEvent {
  carrier: string;
  trackingNumber: string;
  milestone: Milestone | null;
  code: string | null;
  occurredAt: string;
  offsetMinutes: number;
  eventId: string | null;
  location: NormalizedLocation;
  message: string | null;
  reason: string | null;
  subtype: string | null;
  handover: { carrier: string; trackingNumber: string } | null;
  shipment: ShipmentBlock | null;
  identity: string;
  raw: unknown;
}

export interface EventValidationContext {
  receivedAt: Date;
  /** The API key's carrier; null when the admin token is used. */
  keyCarrier: string | null;
  isKnownCarrier: (code: string) => boolean;
  /** The milestone the carrier's code map gives a raw code, if any (handover and subtype rules judge it). */
  milestoneOfCode?: (code: string) => Milestone | null;
  /** The event's stored identity from its identity key: `eventIdentity` from @lanewatch/crypto (a hash is Node-only). */
  identityOf: EventIdentityOf;
}

export type EventValidationResult = { ok: true; event: NormalizedEvent } | { ok: false; errors: string[] };

const typeError = (field: string, expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? `${field} is required` : `${field} must be ${expected}`;

// Optional strings: trimmed, empty means absent, bounded.
const optionalText = (field: string, max = 200) =>
  z
    .string({ error: typeError(field, 'a string') })
    .trim()
    .max(max, `${field} must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));

const requiredText = (field: string, max = 200) =>
  z.string({ error: typeError(field, 'a string') }).trim().min(1, `${field} is required`).max(max, `${field} must be at most ${max} characters`);

const trackingNumber = (field: string) =>
  z
    .string({ error: typeError(field, 'a string') })
    .trim()
    .refine((value) => value.length > 0, `${field} is required`)
    .refine(
      (value) => value.length === 0 || TRACKING_NUMBER_PATTERN.test(value),
      `${field} must be 4-64 characters of A-Z a-z 0-9 . _ -`,
    );

const country = (field: string) =>
  z
    .string({ error: typeError(field, 'an ISO 3166-1 country code') })
    .trim()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      const alpha2 = toAlpha2(value);
      if (!alpha2) {
        ctx.addIssue({ code: 'custom', message: `${field} '${value}' is not an ISO 3166-1 alpha-2 (or alpha-3) country code` });
        return z.NEVER;
      }
      return alpha2;
    });

const objectOf = <T extends z.ZodRawShape>(field: string, shape: T) =>
  z.object(shape, { error: typeError(field, 'an object') });

const eventSchema = z.object(
  {
    trackingNumber: trackingNumber('trackingNumber'),
    carrier: optionalText('carrier', 40),
    milestone: z
      .string({ error: typeError('milestone', 'a string') })
      .trim()
      .nullish()
      .refine((value) => !value || isMilestone(value), {
        message: `milestone must be one of ${MILESTONES.join(', ')}`,
      })
      .transform((value) => (value ? (value as Milestone) : null)),
    code: optionalText('code'),
    occurredAt: z.string({ error: typeError('occurredAt', 'an ISO 8601 string with a UTC offset') }),
    eventId: optionalText('eventId'),
    location: objectOf('location', {
      country: country('location.country'),
      city: optionalText('location.city'),
      facility: optionalText('location.facility'),
    }).nullish(),
    message: optionalText('message', 1000),
    reason: optionalText('reason'),
    subtype: optionalText('subtype'),
    handover: objectOf('handover', {
      carrier: requiredText('handover.carrier', 40),
      trackingNumber: trackingNumber('handover.trackingNumber'),
    }).nullish(),
    shipment: objectOf('shipment', {
      origin: country('shipment.origin'),
      destination: country('shipment.destination'),
      serviceLevel: optionalText('shipment.serviceLevel'),
      promisedBy: optionalText('shipment.promisedBy'),
      orderRef: optionalText('shipment.orderRef'),
    }).nullish(),
  },
  { error: 'event must be a JSON object' },
);

/** Validates one canonical event; every problem is named, in words a carrier engineer can act on. */
export function validateEvent(input: unknown, context: EventValidationContext): EventValidationResult {
  const parsed = eventSchema.safeParse(input);
  const errors: string[] = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  const record = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;

  // Context-dependent rules run even when the shape failed, so one response names every problem.
  const occurredAtInput = record.occurredAt;
  const occurredAt = typeof occurredAtInput === 'string' ? checkOccurredAt(occurredAtInput, context.receivedAt) : null;
  if (occurredAt && !occurredAt.ok) errors.push(occurredAt.error);

  const carrierInput = typeof record.carrier === 'string' ? record.carrier.trim() : '';
  let carrier: string | null = null;
  if (context.keyCarrier) {
    if (carrierInput && carrierInput !== context.keyCarrier) {
      errors.push(`carrier '${carrierInput}' does not match this API key's carrier '${context.keyCarrier}'`);
    } else {
      carrier = context.keyCarrier;
    }
  } else if (!carrierInput) {
    errors.push('carrier is required when posting with the admin token');
  } else if (!context.isKnownCarrier(carrierInput)) {
    errors.push(`carrier '${carrierInput}' is not a registered carrier`);
  } else {
    carrier = carrierInput;
  }

  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors };

  // Rules between fields read each field as parsed on its own, so a bad field elsewhere hides none of them;
  // a field that failed is already reported and adds no consequential error.
  const shape = eventSchema.shape;
  const milestone = shape.milestone.safeParse(record.milestone);
  const code = shape.code.safeParse(record.code);
  const handover = shape.handover.safeParse(record.handover).data ?? null;
  const subtype = shape.subtype.safeParse(record.subtype).data ?? null;
  const promisedBy = shape.shipment.safeParse(record.shipment).data?.promisedBy ?? null;

  if (milestone.success && code.success && !milestone.data && !code.data) errors.push('milestone or code is required (at least one)');
  // An explicit milestone wins; otherwise the code map says what the event is (unmapped: unknown yet).
  const effective = milestone.success && milestone.data ? milestone.data : code.success && code.data ? (context.milestoneOfCode?.(code.data) ?? null) : null;
  const describe = (value: Milestone) => (milestone.success && milestone.data ? value : `${value} (code '${code.data}')`);
  if (handover && effective && effective !== 'HANDED_OVER') {
    errors.push(`handover is only allowed on HANDED_OVER events, not on ${describe(effective)}`);
  }
  if (handover && !context.isKnownCarrier(handover.carrier)) {
    errors.push(`handover.carrier '${handover.carrier}' is not a registered carrier`);
  }
  const explicitOrMapped = (milestone.success && milestone.data) || effective;
  if (subtype && explicitOrMapped && effective !== 'DELIVERED') {
    errors.push('subtype is only allowed on DELIVERED events');
  } else if (subtype && !(DELIVERED_SUBTYPES as readonly string[]).includes(subtype)) {
    errors.push(`subtype must be one of ${DELIVERED_SUBTYPES.join(', ')}`);
  }
  if (promisedBy) {
    const promised = parseInstantWithOffset('shipment.promisedBy', promisedBy);
    if (!promised.ok) errors.push(promised.error);
  }
  if (!parsed.success || errors.length > 0 || !occurredAt || !occurredAt.ok || !carrier) return { ok: false, errors };
  const event = parsed.data;

  const location: NormalizedLocation = {
    country: event.location?.country ?? null,
    city: event.location?.city ?? null,
    facility: event.location?.facility ?? null,
  };
  const occurredAtUtc = formatUtc(occurredAt.value.epochMs);
  return {
    ok: true,
    event: {
      carrier,
      trackingNumber: event.trackingNumber,
      milestone: event.milestone,
      code: event.code,
      occurredAt: occurredAtUtc,
      offsetMinutes: occurredAt.value.offsetMinutes,
      eventId: event.eventId,
      location,
      message: event.message,
      reason: event.reason,
      subtype: event.subtype,
      handover: event.handover ?? null,
      shipment: event.shipment ?? null,
      identity: context.identityOf({
        carrier,
        trackingNumber: event.trackingNumber,
        eventId: event.eventId,
        occurredAtMs: occurredAt.value.epochMs,
        milestone: event.milestone,
        code: event.code,
        location,
      }),
      raw: input,
    },
  };
}
