import { z } from 'zod';
import { toAlpha2 } from './country';
import { CARRIER_CODE_PATTERN, ShipmentBlock, TRACKING_NUMBER_PATTERN } from './event-validation';
import { storageProblems } from './storable-text';
import { parseInstantWithOffset } from './timestamps';

export const CARRIER_KINDS = ['postal', 'courier', 'linehaul', 'customs_broker', 'platform', 'aggregator'] as const;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const issues = (error: z.ZodError) => error.issues.map((issue) => issue.message);

const carrierSchema = z.object(
  {
    code: z
      .string({ error: 'code is required' })
      .trim()
      .regex(CARRIER_CODE_PATTERN, 'code must be 2-40 characters of a-z 0-9 _ -, starting with a letter or digit'),
    name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(200, 'name must be at most 200 characters'),
    kind: z.enum(CARRIER_KINDS, { error: `kind must be one of ${CARRIER_KINDS.join(', ')}` }),
  },
  { error: 'body must be a JSON object' },
);

export type CarrierRegistration = z.infer<typeof carrierSchema>;

export function parseCarrierRegistration(body: unknown): ParseResult<CarrierRegistration> {
  const parsed = carrierSchema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: issues(parsed.error) };
}

export interface ShipmentRegistration {
  carrier: string;
  trackingNumber: string;
  block: ShipmentBlock;
}

const optional = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .max(200, `${field} must be at most 200 characters`)
    .nullish()
    .transform((value) => value || null);

const countryField = (field: string) =>
  optional(field).transform((value, ctx) => {
    if (!value) return null;
    const alpha2 = toAlpha2(value);
    if (!alpha2) ctx.addIssue({ code: 'custom', message: `${field} '${value}' is not an ISO 3166-1 alpha-2 country code` });
    return alpha2;
  });

const shipmentSchema = z.object(
  {
    carrier: z.string({ error: 'carrier is required' }).trim().min(1, 'carrier is required'),
    trackingNumber: z
      .string({ error: 'trackingNumber is required' })
      .trim()
      .regex(TRACKING_NUMBER_PATTERN, 'trackingNumber must be 4-64 characters of A-Z a-z 0-9 . _ -'),
    origin: countryField('origin'),
    destination: countryField('destination'),
    serviceLevel: optional('serviceLevel'),
    promisedBy: optional('promisedBy').superRefine((value, ctx) => {
      if (!value) return;
      const parsed = parseInstantWithOffset('promisedBy', value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    }),
    orderRef: optional('orderRef'),
  },
  { error: 'body must be a JSON object' },
);

export function parseShipmentRegistration(body: unknown): ParseResult<ShipmentRegistration> {
  const parsed = shipmentSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: issues(parsed.error) };
  const unstorable = storageProblems(parsed.data, '');
  if (unstorable.length > 0) return { ok: false, errors: unstorable };
  const { carrier, trackingNumber, ...block } = parsed.data;
  return { ok: true, value: { carrier, trackingNumber, block } };
}
