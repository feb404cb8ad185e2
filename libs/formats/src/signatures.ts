import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const REPLAY_WINDOW_MS = 5 * 60 * 1000;

export type SignatureCheck = { ok: true } | { ok: false; error: string };

/** Constant-time comparison; buffers of different lengths are unequal without comparing content. */
function equalBytes(expected: Buffer, given: Buffer): boolean {
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const missing = (header: string): SignatureCheck => ({ ok: false, error: `the ${header} header is missing` });
const mismatch = (header: string): SignatureCheck => ({ ok: false, error: `the ${header} signature does not match the body` });

/** AfterShip: `aftership-hmac-sha256` = base64 HMAC-SHA256 of the raw body with the webhook secret. */
export function verifyAfterShipSignature(input: { rawBody: Buffer; header: string | undefined; secret: string }): SignatureCheck {
  if (!input.header) return missing('aftership-hmac-sha256');
  const expected = createHmac('sha256', input.secret).update(input.rawBody).digest();
  const given = Buffer.from(input.header.trim(), 'base64');
  return equalBytes(expected, given) ? { ok: true } : mismatch('aftership-hmac-sha256');
}

/** 17TRACK v2: `sign` = SHA-256 hex of `body + "/" + key`. */
export function verifySeventeenTrackSignature(input: { rawBody: Buffer; header: string | undefined; secret: string }): SignatureCheck {
  if (!input.header) return missing('sign');
  const expected = createHash('sha256').update(Buffer.concat([input.rawBody, Buffer.from(`/${input.secret}`)])).digest();
  const given = /^[0-9a-f]{64}$/i.test(input.header.trim()) ? Buffer.from(input.header.trim(), 'hex') : Buffer.alloc(0);
  return equalBytes(expected, given) ? { ok: true } : mismatch('sign');
}

/** EasyPost: `X-Hmac-Signature: hmac-sha256-hex=<hex>` of the raw body, the secret NFKD-normalised as EasyPost does. */
export function verifyEasyPostSignature(input: { rawBody: Buffer; header: string | undefined; secret: string }): SignatureCheck {
  if (!input.header) return missing('x-hmac-signature');
  const expected = createHmac('sha256', input.secret.normalize('NFKD')).update(input.rawBody).digest();
  const match = /^hmac-sha256-hex=([0-9a-f]{64})$/i.exec(input.header.trim());
  const given = match ? Buffer.from(match[1], 'hex') : Buffer.alloc(0);
  return equalBytes(expected, given) ? { ok: true } : mismatch('x-hmac-signature');
}

/** A signed timestamp outside ±5 minutes of now is a replay (or a clock far off): rejected. */
export function checkFreshness(input: { timestampMs: number | null; now: Date; field: string }): SignatureCheck {
  if (input.timestampMs === null || !Number.isFinite(input.timestampMs)) return { ok: false, error: `${input.field} is missing or not a timestamp` };
  const skew = Math.abs(input.now.getTime() - input.timestampMs);
  return skew <= REPLAY_WINDOW_MS ? { ok: true } : { ok: false, error: `${input.field} is ${Math.round(skew / 1000)} s away from now (at most ${REPLAY_WINDOW_MS / 1000} s): a stale or replayed delivery` };
}

export function signAfterShip(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

export function signSeventeenTrack(rawBody: string, secret: string): string {
  return createHash('sha256').update(`${rawBody}/${secret}`).digest('hex');
}

export function signEasyPost(rawBody: string, secret: string): string {
  return `hmac-sha256-hex=${createHmac('sha256', secret.normalize('NFKD')).update(rawBody).digest('hex')}`;
}
