import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Lanewatch-Signature';
/**
 * The one replay window: a signed timestamp further than this from now is refused, for Lanewatch's own
 * alert webhooks (`t=`) and for the carriers' signed timestamps (libs/formats, `checkFreshness`).
 */
export const REPLAY_WINDOW_SECONDS = 300;

/** `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (sla.md §4); body is the exact text sent. */
export function signWebhook(input: { secret: string; timestampSec: number; body: string }): string {
  if (!Number.isSafeInteger(input.timestampSec) || input.timestampSec < 0) {
    throw new RangeError(`timestampSec must be a non-negative integer, got ${input.timestampSec}`);
  }
  if (input.secret.length === 0) throw new RangeError('secret must not be empty');
  return `t=${input.timestampSec},v1=${hmacHex(input.secret, input.timestampSec, input.body)}`;
}

/**
 * The one result of every signature check (Lanewatch's alert webhooks here, the carriers' formats in
 * libs/formats): the verified digest, which the replay guard keys on, or why the request is refused.
 */
export type SignatureCheck = { ok: true; digest: Buffer } | { ok: false; error: string };

/**
 * The receiver's check. Several v1 entries are accepted (a sender rotating secrets signs with
 * both); the comparison is constant-time, and a timestamp further than `toleranceSec` from now is
 * refused so a captured request cannot be replayed later.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  header: string | null | undefined;
  body: string;
  nowSec: number;
  toleranceSec?: number;
}): SignatureCheck {
  if (!input.header) return { ok: false, error: 'missing signature header' };
  let timestampSec: number | null = null;
  const candidates: string[] = [];
  for (const part of input.header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't' && /^\d{1,15}$/.test(value)) timestampSec = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestampSec === null) return { ok: false, error: 'signature header has no timestamp' };
  if (candidates.length === 0) return { ok: false, error: 'signature header has no v1 signature' };
  const tolerance = input.toleranceSec ?? REPLAY_WINDOW_SECONDS;
  if (Math.abs(input.nowSec - timestampSec) > tolerance) return { ok: false, error: 'timestamp outside the tolerance' };
  const expected = Buffer.from(hmacHex(input.secret, timestampSec, input.body), 'hex');
  // Every candidate is compared, so the time taken does not tell which one matched.
  let matched = false;
  for (const candidate of candidates) matched = timingSafeEqual(expected, Buffer.from(candidate, 'hex')) || matched;
  return matched ? { ok: true, digest: expected } : { ok: false, error: 'signature does not match' };
}

function hmacHex(secret: string, timestampSec: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSec}.${body}`, 'utf8').digest('hex');
}
