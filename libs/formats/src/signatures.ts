import { REPLAY_WINDOW_SECONDS, type SignatureCheck } from '@lanewatch/crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// A verified signature answers its decoded digest (libs/crypto's `SignatureCheck`): the replay guard keys on
// those bytes, so a re-spelt signature (hex case, base64 padding or alphabet) is the same delivery (events.md §9).
export type { SignatureCheck };
const REPLAY_WINDOW_MS = REPLAY_WINDOW_SECONDS * 1000;
export type FreshnessCheck = { ok: true } | { ok: false; error: string };

/** Constant-time comparison; buffers of different lengths are unequal without comparing content. */
function equalBytes(expected: Buffer, given: Buffer): boolean {
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const missing = (header: string): SignatureCheck => ({ ok: false, error: `the ${header} header is missing` });
const mismatch = (header: string): SignatureCheck => ({ ok: false, error: `the ${header} signature does not match the body` });
const checked = (expected: Buffer, given: Buffer, header: string): SignatureCheck => (equalBytes(expected, given) ? { ok: true, digest: expected } : mismatch(header));

// 32 bytes in base64: 43 characters and one '=' of padding. Both alphabets are accepted, padded or
// not, since encoders differ; Node's own decoder would also skip any other character, so those are refused here.
const BASE64_DIGEST = /^[A-Za-z0-9+/_-]{43}=?$/;
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/** AfterShip: `aftership-hmac-sha256` = base64 HMAC-SHA256 of the raw body with the webhook secret. */
export function verifyAfterShipSignature(input: { rawBody: Buffer; header: string | undefined; secret: string }): SignatureCheck {
  if (!input.header) return missing('aftership-hmac-sha256');
  const expected = createHmac('sha256', input.secret).update(input.rawBody).digest();
  const header = input.header.trim();
  const given = BASE64_DIGEST.test(header) ? Buffer.from(header, 'base64') : Buffer.alloc(0);
  return checked(expected, given, 'aftership-hmac-sha256');
}

/** 17TRACK v2: `sign` = SHA-256 hex of `body + "/" + key`. */
export function verifySeventeenTrackSignature(input: { rawBody: Buffer; header: string | undefined; secret: string }): SignatureCheck {
  if (!input.header) return missing('sign');
  const expected = createHash('sha256').update(Buffer.concat([input.rawBody, Buffer.from(`/${input.secret}`)])).digest();
  const header = input.header.trim();
  const given = HEX_DIGEST.test(header) ? Buffer.from(header, 'hex') : Buffer.alloc(0);
  return checked(expected, given, 'sign');
}

/** EasyPost: `X-Hmac-Signature: hmac-sha256-hex=<hex>` of the raw body, the secret NFKD-normalised as EasyPost does. */
export function verifyEasyPostSignature(input: { rawBody: Buffer; header: string | undefined; secret: string }): SignatureCheck {
  if (!input.header) return missing('x-hmac-signature');
  const expected = createHmac('sha256', input.secret.normalize('NFKD')).update(input.rawBody).digest();
  const match = /^hmac-sha256-hex=([0-9a-f]{64})$/i.exec(input.header.trim());
  const given = match ? Buffer.from(match[1], 'hex') : Buffer.alloc(0);
  return checked(expected, given, 'x-hmac-signature');
}

/** A signed timestamp outside ±5 minutes of now is a replay (or a clock far off): rejected. */
export function checkFreshness(input: { timestampMs: number | null; now: Date; field: string }): FreshnessCheck {
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
