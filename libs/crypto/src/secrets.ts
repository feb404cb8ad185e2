import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PREFIX = 'lwk_';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A carrier API key: 256 random bits; only its SHA-256 is stored. */
export function generateApiKey(): { apiKey: string; keyHash: string; keyPrefix: string } {
  const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { apiKey, keyHash: sha256Hex(apiKey), keyPrefix: apiKey.slice(0, 12) };
}

/**
 * Webhook secrets are derived from the server's secret key and a per-carrier salt, so the
 * database holds neither the secret nor anything that reveals it (only its hash, to identify it).
 */
export function deriveWebhookSecret(secretKey: string, carrierCode: string, salt: string): string {
  return `lws_${createHmac('sha256', secretKey).update(`webhook:${carrierCode}:${salt}`).digest('base64url')}`;
}

export function newWebhookSecret(secretKey: string, carrierCode: string): { secret: string; salt: string; hash: string } {
  const salt = randomBytes(16).toString('hex');
  const secret = deriveWebhookSecret(secretKey, carrierCode, salt);
  return { secret, salt, hash: sha256Hex(secret) };
}

/** Constant-time equality of two secrets of any length (both are hashed to a fixed width first). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
