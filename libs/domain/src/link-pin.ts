import { z } from 'zod';
import { CARRIER_CODE_PATTERN, TRACKING_NUMBER_PATTERN } from './event-validation';
import type { ParseResult } from './registration';

export interface LinkPinRequest {
  /** The leg whose hand-over the pinned leg follows; null: it follows none. */
  parent: { carrier: string; trackingNumber: string } | null;
  note: string | null;
}

const schema = z.object(
  {
    parent: z
      .object(
        {
          carrier: z.string({ error: 'parent.carrier must be a carrier code' }).trim().max(40, 'parent.carrier must be at most 40 characters').regex(CARRIER_CODE_PATTERN, 'parent.carrier must be a carrier code'),
          trackingNumber: z
            .string({ error: 'parent.trackingNumber must be a string' })
            .trim()
            .max(64, 'parent.trackingNumber must be 4-64 characters of A-Z a-z 0-9 . _ -')
            .regex(TRACKING_NUMBER_PATTERN, 'parent.trackingNumber must be 4-64 characters of A-Z a-z 0-9 . _ -'),
        },
        { error: 'parent must be {carrier, trackingNumber} or null' },
      )
      .nullable()
      .refine((value) => value !== undefined, 'parent is required: {carrier, trackingNumber}, or null to follow no hand-over'),
    note: z
      .string({ error: 'note must be a string' })
      .trim()
      .max(1000, 'note must be at most 1000 characters')
      .refine((value) => !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value), 'note must be text without NUL characters or lone surrogates')
      .nullish()
      .transform((value) => value || null),
  },
  { error: 'body must be a JSON object' },
);

/** PUT /api/v1/legs/{carrier}/{trackingNumber}/link (events.md §9). */
export function parseLinkPinRequest(body: unknown): ParseResult<LinkPinRequest> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
  return { ok: true, value: { parent: parsed.data.parent ?? null, note: parsed.data.note ?? null } };
}
