import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_test';
const body = '{"type":"breach.opened","idempotencyKey":"b-42:opened"}';
const t = 1_795_392_000;

describe('signWebhook', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook({ secret, timestampSec: t, body })).toBe(`t=${t},v1=${expected}`);
  });

  it('matches a vector computed outside Node', () => {
    // printf '%s' '1700000000.{}' | openssl dgst -sha256 -hmac key
    expect(signWebhook({ secret: 'key', timestampSec: 1_700_000_000, body: '{}' })).toBe('t=1700000000,v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae');
  });

  it('refuses a fractional timestamp and an empty secret', () => {
    expect(() => signWebhook({ secret, timestampSec: 1.5, body })).toThrow('timestampSec must be a non-negative integer, got 1.5');
    expect(() => signWebhook({ secret: '', timestampSec: t, body })).toThrow('secret must not be empty');
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook({ secret, timestampSec: t, body });

  it('accepts its own signature within the tolerance', () => {
    expect(verifyWebhookSignature({ secret, header, body, nowSec: t + 299 })).toEqual({ ok: true, digest: Buffer.from(header.split('v1=')[1], 'hex') });
  });

  it('refuses a tampered body', () => {
    expect(verifyWebhookSignature({ secret, header, body: body.replace('opened', 'resolved'), nowSec: t })).toEqual({ ok: false, error: 'signature does not match' });
  });

  it('refuses another secret', () => {
    expect(verifyWebhookSignature({ secret: 'other', header, body, nowSec: t })).toEqual({ ok: false, error: 'signature does not match' });
  });

  it('refuses a replay outside the tolerance, either side', () => {
    expect(verifyWebhookSignature({ secret, header, body, nowSec: t + 301 })).toEqual({ ok: false, error: 'timestamp outside the tolerance' });
    expect(verifyWebhookSignature({ secret, header, body, nowSec: t - 301 })).toEqual({ ok: false, error: 'timestamp outside the tolerance' });
    expect(verifyWebhookSignature({ secret, header, body, nowSec: t + 3000, toleranceSec: 3600 }).ok).toBe(true);
  });

  it('refuses a timestamp changed after signing', () => {
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature({ secret, header: moved, body, nowSec: t })).toEqual({ ok: false, error: 'signature does not match' });
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const old = signWebhook({ secret: 'old', timestampSec: t, body }).split(',')[1];
    expect(verifyWebhookSignature({ secret, header: `t=${t},${old},${header.split(',')[1]}`, body, nowSec: t }).ok).toBe(true);
  });

  it('names what is missing from a malformed header', () => {
    expect(verifyWebhookSignature({ secret, header: undefined, body, nowSec: t })).toEqual({ ok: false, error: 'missing signature header' });
    expect(verifyWebhookSignature({ secret, header: 'v1=abc', body, nowSec: t })).toEqual({ ok: false, error: 'signature header has no timestamp' });
    expect(verifyWebhookSignature({ secret, header: `t=${t},v1=nothex`, body, nowSec: t })).toEqual({ ok: false, error: 'signature header has no v1 signature' });
  });

  it('round-trips any body and secret, and a one-character change breaks it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.integer({ min: 0, max: 2 ** 40 }), (key, text, timestampSec) => {
        const signed = signWebhook({ secret: key, timestampSec, body: text });
        expect(verifyWebhookSignature({ secret: key, header: signed, body: text, nowSec: timestampSec }).ok).toBe(true);
        expect(verifyWebhookSignature({ secret: key, header: signed, body: `${text} `, nowSec: timestampSec }).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
