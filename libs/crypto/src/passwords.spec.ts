import { createHash } from 'node:crypto';
import { generatePassword, hashPassword, needsRehash, newSessionToken, passwordHashOfNobody, verifyPassword } from './passwords';

describe('user credentials', () => {
  it('hashes with argon2id at the configured cost and a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(second).not.toBe(first);
    expect(needsRehash(first)).toBe(false);
  });

  it('verifies the right password only, and treats a non-hash as a mismatch', async () => {
    const stored = await hashPassword('correct horse battery');
    await expect(verifyPassword(stored, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'Correct horse battery')).resolves.toBe(false);
    await expect(verifyPassword('not a hash', 'correct horse battery')).resolves.toBe(false);
  });

  it('asks for a rehash of weaker or foreign hashes', async () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$8nU3z3Oe3Q6xZb0W2k1wqCqJcS9dDuF5w2QbQzV6r1E')).toBe(true);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuu')).toBe(true);
  });

  it('keeps one dummy hash that no guess matches', async () => {
    const dummy = await passwordHashOfNobody();
    expect(await passwordHashOfNobody()).toBe(dummy);
    await expect(verifyPassword(dummy, '')).resolves.toBe(false);
  });

  it('issues prefixed 256-bit session tokens and stores only their SHA-256', () => {
    const { token, tokenHash } = newSessionToken();
    expect(token).toMatch(/^lwu_[A-Za-z0-9_-]{43}$/);
    expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(newSessionToken().token).not.toBe(token);
  });

  it('generates passwords long enough for the policy', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
