import { describe, expect, it } from '@jest/globals';
import { ApiError, UnauthorizedError } from '../api/api-errors';
import type { CurrentUser } from '../api/auth-types';
import { CARRIER_KEY_MESSAGE, describeIdentity, REJECTED_TOKEN_MESSAGE, resolveSession, roleOf } from './resolve-session.util';

const viewer: CurrentUser = {
  user: { id: '7', email: 'ana@example.com', name: 'Ana', role: 'viewer', carrier: null },
  expiresAt: '2026-11-08T12:00:00.000Z',
};
const forbidden = () => Promise.reject(new ApiError('The API answered 403', 403));
const never = () => Promise.reject(new Error('must not be called'));

describe('resolveSession', () => {
  it('a user session is the user, with their role', async () => {
    const result = await resolveSession({ fetchMe: () => Promise.resolve(viewer), probeAllCarriersRead: never });
    expect(result).toEqual({ ok: true, identity: { kind: 'user', user: viewer.user } });
    if (result.ok) {
      expect(roleOf(result.identity)).toBe('viewer');
      expect(describeIdentity(result.identity)).toBe('Ana');
    }
  });

  it('the admin token is not a session but reads ingest status: operator sign-in as admin', async () => {
    const result = await resolveSession({ fetchMe: forbidden, probeAllCarriersRead: () => Promise.resolve({}) });
    expect(result).toEqual({ ok: true, identity: { kind: 'admin-token' } });
    if (result.ok) {
      expect(roleOf(result.identity)).toBe('admin');
    }
  });

  it('a carrier key is refused with a message saying why', async () => {
    const result = await resolveSession({ fetchMe: forbidden, probeAllCarriersRead: forbidden });
    expect(result).toEqual({ ok: false, message: CARRIER_KEY_MESSAGE });
  });

  it('an unknown or expired token is refused', async () => {
    const result = await resolveSession({ fetchMe: () => Promise.reject(new UnauthorizedError()), probeAllCarriersRead: never });
    expect(result).toEqual({ ok: false, message: REJECTED_TOKEN_MESSAGE });
  });

  it('an unreachable API is reported, not mistaken for a refusal', async () => {
    const result = await resolveSession({
      fetchMe: () => Promise.reject(new ApiError('Could not reach the API (/auth/me)', null)),
      probeAllCarriersRead: never,
    });
    expect(result).toEqual({ ok: false, message: 'Could not check the sign-in: Could not reach the API (/auth/me).' });
  });
});
