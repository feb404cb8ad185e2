import { parseLogin, parseUserCreation, parseUserUpdate, renewedSessionExpiry } from './user-accounts';

const newUser = { email: 'Ops@Example.com ', name: ' Operations ', role: 'viewer', password: 'twelve chars' };

describe('parseLogin', () => {
  it('lower-cases and trims the email but keeps the password exactly', () => {
    expect(parseLogin({ email: ' Ops@Example.COM', password: ' secret ' })).toEqual({ ok: true, value: { email: 'ops@example.com', password: ' secret ' } });
  });

  it('names every missing field', () => {
    expect(parseLogin({})).toEqual({ ok: false, errors: ['email is required', 'password is required'] });
    expect(parseLogin('nope')).toEqual({ ok: false, errors: ['body must be a JSON object'] });
  });

  it('rejects a password longer than any that could have been set', () => {
    expect(parseLogin({ email: 'a@b.co', password: 'x'.repeat(201) })).toEqual({ ok: false, errors: ['password must be at most 200 characters'] });
  });

  it('refuses an email PostgreSQL cannot hold (a NUL, found by the fuzz suite as a 500) and names it', () => {
    const result = parseLogin({ email: 'gm\u0000605554122', password: 'x' });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^email holds .*NUL.*, which cannot be stored$/)]);
  });
});

describe('parseUserCreation', () => {
  it('normalises email and name', () => {
    expect(parseUserCreation(newUser)).toEqual({ ok: true, value: { email: 'ops@example.com', name: 'Operations', role: 'viewer', password: 'twelve chars' } });
  });

  it('accepts passwords of 12 and 200 characters and refuses 11 and 201', () => {
    expect(parseUserCreation({ ...newUser, password: 'x'.repeat(12) }).ok).toBe(true);
    expect(parseUserCreation({ ...newUser, password: 'x'.repeat(200) }).ok).toBe(true);
    expect(parseUserCreation({ ...newUser, password: 'x'.repeat(11) })).toEqual({ ok: false, errors: ['password must be at least 12 characters'] });
    expect(parseUserCreation({ ...newUser, password: 'x'.repeat(201) })).toEqual({ ok: false, errors: ['password must be at most 200 characters'] });
  });

  it('names each bad field', () => {
    const result = parseUserCreation({ email: 'not-an-email', name: '', role: 'owner' });
    expect(result).toEqual({
      ok: false,
      errors: ['email must be an address like ops@example.com', 'name is required', 'role must be one of admin, viewer, carrier', 'password is required'],
    });
  });
});

describe('carrier users', () => {
  const carrierUser = { ...newUser, role: 'carrier' };

  it('binds a carrier user to the carrier it names, by its lower-cased code', () => {
    expect(parseUserCreation({ ...carrierUser, carrier: ' Cainiao ' })).toEqual({
      ok: true,
      value: { email: 'ops@example.com', name: 'Operations', role: 'carrier', password: 'twelve chars', carrier: 'cainiao' },
    });
  });

  it('refuses a carrier user without a carrier, and an admin or viewer with one', () => {
    expect(parseUserCreation(carrierUser)).toEqual({ ok: false, errors: ['a carrier user must name its carrier (carrier: <code>)'] });
    expect(parseUserCreation({ ...newUser, carrier: 'cainiao' })).toEqual({ ok: false, errors: ['only a carrier user is bound to a carrier; a viewer sees every carrier'] });
    expect(parseUserCreation({ ...newUser, role: 'admin', carrier: 'cainiao' })).toEqual({ ok: false, errors: ['only a carrier user is bound to a carrier; an admin sees every carrier'] });
    expect(parseUserCreation({ ...carrierUser, carrier: 'not a code!' })).toEqual({ ok: false, errors: ['carrier must be a carrier code (2-40 characters of a-z 0-9 _ -)'] });
  });

  it('lets a change name a carrier or unbind with null', () => {
    expect(parseUserUpdate({ role: 'carrier', carrier: 'upu' })).toEqual({ ok: true, value: { role: 'carrier', carrier: 'upu' } });
    expect(parseUserUpdate({ role: 'viewer', carrier: null })).toEqual({ ok: true, value: { role: 'viewer', carrier: null } });
  });
});

describe('email addresses', () => {
  const creation = (email: string) => parseUserCreation({ email, name: 'N', role: 'viewer', password: 'p'.repeat(12) });

  it('never runs the pattern on a value over the bound (the issue 12 case: "a@" + 60,000 dots + "@")', () => {
    expect(creation(`a@${'.'.repeat(60_000)}@`)).toEqual({ ok: false, errors: ['email must be at most 254 characters'] });
  });

  it('accepts dotted domains and refuses empty labels, spaces and a missing dot', () => {
    expect(creation('ops@mail.example.co.uk').ok).toBe(true);
    expect(creation('first.last+tag@example.com').ok).toBe(true);
    for (const bad of ['a@b', 'a@.b.c', 'a@b..c', 'a@b.c.', 'a b@c.d', 'a@b@c.d', `a@${'.'.repeat(200)}@`]) {
      expect({ bad, result: creation(bad) }).toEqual({ bad, result: { ok: false, errors: ['email must be an address like ops@example.com'] } });
    }
  });
});

describe('parseUserUpdate', () => {
  it('takes any subset of the fields', () => {
    expect(parseUserUpdate({ disabled: true })).toEqual({ ok: true, value: { disabled: true } });
    expect(parseUserUpdate({ role: 'admin', name: 'Ana' })).toEqual({ ok: true, value: { role: 'admin', name: 'Ana' } });
  });

  it('refuses an empty change and a misspelt field instead of doing nothing', () => {
    expect(parseUserUpdate({})).toEqual({ ok: false, errors: ['body must set at least one of name, role, disabled, password, carrier'] });
    expect(parseUserUpdate({ disable: true })).toEqual({ ok: false, errors: ["'disable' is not a user field; use name, role, disabled, password, carrier"] });
  });

  it('applies the password rules and wants a real boolean for disabled', () => {
    expect(parseUserUpdate({ password: 'short', disabled: 'yes' })).toEqual({
      ok: false,
      errors: ['disabled must be true or false', 'password must be at least 12 characters'],
    });
  });
});

describe('renewedSessionExpiry', () => {
  const lastSeenAt = new Date('2026-11-20T10:00:00Z');
  const hours12 = 12 * 3_600_000;

  it('leaves a session used a moment ago alone', () => {
    expect(renewedSessionExpiry({ now: new Date('2026-11-20T10:00:59Z'), lastSeenAt, ttlMs: hours12 })).toBeNull();
  });

  it('moves the expiry to a full lifetime from now once a minute has passed', () => {
    expect(renewedSessionExpiry({ now: new Date('2026-11-20T10:01:00Z'), lastSeenAt, ttlMs: hours12 })).toEqual(new Date('2026-11-20T22:01:00Z'));
  });

  it('renews a short-lived session after a tenth of its lifetime', () => {
    expect(renewedSessionExpiry({ now: new Date('2026-11-20T10:00:01Z'), lastSeenAt, ttlMs: 10_000 })).toEqual(new Date('2026-11-20T10:00:11Z'));
    expect(renewedSessionExpiry({ now: new Date('2026-11-20T10:00:00.999Z'), lastSeenAt, ttlMs: 10_000 })).toBeNull();
  });
});
