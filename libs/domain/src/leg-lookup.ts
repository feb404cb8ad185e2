import { CARRIER_CODE_PATTERN, TRACKING_NUMBER_PATTERN } from './event-validation';

// Carrier codes are stored lower case (CARRIER_CODE_PATTERN), so "LAPOSTE" names the carrier "laposte".
// Tracking numbers are stored as sent (events.md §2): a lookup trims them and matches them whatever their
// case in the repository, never rewrites them.
export function normaliseCarrierCode(code: string): string {
  return code.trim().toLowerCase();
}

export function normaliseTrackingNumber(trackingNumber: string): string {
  return trackingNumber.trim();
}

export type LegLookup = { trackingNumber: string; carrier: string | null };

/** GET /api/v1/shipments?trackingNumber=…[&carrier=…]: a number alone finds the legs of every carrier. */
export function parseLegLookup(query: Record<string, unknown>): { ok: true; value: LegLookup } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const rawNumber = query['trackingNumber'];
  const rawCarrier = query['carrier'];
  let trackingNumber = '';
  if (typeof rawNumber !== 'string' || rawNumber.trim() === '') {
    errors.push('trackingNumber is required (query parameter)');
  } else {
    trackingNumber = normaliseTrackingNumber(rawNumber);
    if (!TRACKING_NUMBER_PATTERN.test(trackingNumber)) errors.push('trackingNumber must be 4-64 characters of A-Z a-z 0-9 . _ -');
  }
  let carrier: string | null = null;
  if (rawCarrier !== undefined && rawCarrier !== '') {
    if (typeof rawCarrier !== 'string') {
      errors.push('carrier must be given once, as a carrier code');
    } else {
      carrier = normaliseCarrierCode(rawCarrier);
      if (!CARRIER_CODE_PATTERN.test(carrier)) errors.push('carrier must be a carrier code: 2-40 characters of a-z 0-9 _ -');
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { trackingNumber, carrier } };
}
