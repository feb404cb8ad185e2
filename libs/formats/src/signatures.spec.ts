import { FORMAT_DEFINITIONS } from './formats.registry';
import { checkFreshness, signAfterShip, signEasyPost, signSeventeenTrack, verifyAfterShipSignature, verifyEasyPostSignature, verifySeventeenTrackSignature } from './signatures';

const secret = 'lws_test-secret-0123456789';
const now = new Date('2026-11-20T12:00:00Z');
const body = JSON.stringify({ ts: Math.floor(now.getTime() / 1000), updated_at: now.toISOString(), msg: {} });
const raw = Buffer.from(body);

const cases = [
  { name: 'AfterShip', verify: verifyAfterShipSignature, sign: signAfterShip },
  { name: '17TRACK', verify: verifySeventeenTrackSignature, sign: signSeventeenTrack },
  { name: 'EasyPost', verify: verifyEasyPostSignature, sign: signEasyPost },
];

describe.each(cases)('$name signature', ({ verify, sign }) => {
  it('accepts the signature of the exact bytes with the secret and answers its decoded digest', () => {
    const result = verify({ rawBody: raw, header: sign(body, secret), secret });
    expect(result).toEqual({ ok: true, digest: expect.any(Buffer) });
    expect(result.ok && result.digest.length).toBe(32);
  });
  it('refuses a signature made with another secret', () => {
    expect(verify({ rawBody: raw, header: sign(body, 'lws_other-secret'), secret }).ok).toBe(false);
  });
  it('refuses a tampered body', () => {
    expect(verify({ rawBody: Buffer.from(body.replace('{}', '{"x":1}')), header: sign(body, secret), secret }).ok).toBe(false);
  });
  it('refuses a missing header, naming it', () => {
    const result = verify({ rawBody: raw, header: undefined, secret });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/header is missing$/) });
  });
  it('refuses a malformed or truncated signature without throwing', () => {
    expect(verify({ rawBody: raw, header: sign(body, secret).slice(0, 20), secret }).ok).toBe(false);
  });
});

// events.md §9: every accepted spelling of one signature decodes to the same digest, which is what the
// replay guard keys on.
describe('re-spelt signatures decode to the same digest', () => {
  const digestOf = (check: ReturnType<typeof verifyAfterShipSignature>) => (check.ok ? check.digest.toString('hex') : check.error);

  it('17TRACK: upper-case hex is the same digest', () => {
    const lower = signSeventeenTrack(body, secret);
    const upper = verifySeventeenTrackSignature({ rawBody: raw, header: lower.toUpperCase(), secret });
    expect(digestOf(upper)).toBe(digestOf(verifySeventeenTrackSignature({ rawBody: raw, header: lower, secret })));
  });

  it('EasyPost: upper-case hex is the same digest', () => {
    const lower = signEasyPost(body, secret);
    const upper = lower.replace(/=([0-9a-f]+)$/, (_match, hex: string) => `=${hex.toUpperCase()}`);
    expect(upper).not.toBe(lower);
    expect(digestOf(verifyEasyPostSignature({ rawBody: raw, header: upper, secret }))).toBe(digestOf(verifyEasyPostSignature({ rawBody: raw, header: lower, secret })));
  });

  it('AfterShip: unpadded and URL-safe base64 are the same digest', () => {
    const padded = signAfterShip(body, secret);
    const unpadded = padded.replace(/=+$/, '');
    const urlSafe = unpadded.replace(/\+/g, '-').replace(/\//g, '_');
    const digests = [padded, unpadded, urlSafe].map((header) => digestOf(verifyAfterShipSignature({ rawBody: raw, header, secret })));
    expect(new Set(digests).size).toBe(1);
    expect(digests[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('AfterShip: characters outside both base64 alphabets are refused, not skipped as the decoder would', () => {
    const padded = signAfterShip(body, secret);
    const withJunk = `${padded.slice(0, 10)}.${padded.slice(10)}`;
    expect(Buffer.from(withJunk, 'base64').equals(Buffer.from(padded, 'base64'))).toBe(true);
    expect(verifyAfterShipSignature({ rawBody: raw, header: withJunk, secret }).ok).toBe(false);
  });
});

describe('replay protection by signed timestamp', () => {
  it('accepts a timestamp within five minutes and refuses a stale one', () => {
    expect(checkFreshness({ timestampMs: now.getTime() - 4 * 60_000, now, field: 'ts' })).toEqual({ ok: true });
    expect(checkFreshness({ timestampMs: now.getTime() - 6 * 60_000, now, field: 'ts' })).toEqual({
      ok: false,
      error: 'ts is 360 s away from now (at most 300 s): a stale or replayed delivery',
    });
  });

  it('AfterShip: a validly signed body whose ts is stale is refused', () => {
    const stale = JSON.stringify({ ts: Math.floor(now.getTime() / 1000) - 3600, msg: {} });
    const verify = FORMAT_DEFINITIONS.aftership.verify!;
    const headers = { 'aftership-hmac-sha256': signAfterShip(stale, secret) };
    expect(verify({ rawBody: Buffer.from(stale), headers, parsed: JSON.parse(stale), secret, now })).toEqual({
      ok: false,
      error: 'ts is 3600 s away from now (at most 300 s): a stale or replayed delivery',
    });
    expect(verify({ rawBody: raw, headers: { 'aftership-hmac-sha256': signAfterShip(body, secret) }, parsed: JSON.parse(body), secret, now })).toEqual({ ok: true, digest: expect.any(Buffer) });
  });

  it('EasyPost: a validly signed Event whose updated_at is stale is refused', () => {
    const stale = JSON.stringify({ updated_at: '2026-11-20T10:00:00Z', result: {} });
    const verify = FORMAT_DEFINITIONS.easypost.verify!;
    const result = verify({ rawBody: Buffer.from(stale), headers: { 'x-hmac-signature': signEasyPost(stale, secret) }, parsed: JSON.parse(stale), secret, now });
    expect(result.ok).toBe(false);
  });
});
