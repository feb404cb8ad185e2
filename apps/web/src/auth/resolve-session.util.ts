import { ApiError, UnauthorizedError } from '../api/api-errors';
import type { CurrentUser, SignedInUser, UserRole } from '../api/auth-types';

// Who a bearer token belongs to, as far as the dashboard cares.
export type Identity = { kind: 'user'; user: SignedInUser } | { kind: 'admin-token' };

export type ResolvedSession = { ok: true; identity: Identity } | { ok: false; message: string };

export const CARRIER_KEY_MESSAGE =
  'That is a carrier API key. Carrier keys send events and read their own data through the API; they cannot open the dashboard. Sign in with your email and password.';
export const REJECTED_TOKEN_MESSAGE = 'The API did not accept that token. Sign in again.';

type ResolveInput = {
  fetchMe: () => Promise<CurrentUser>;
  // Any read only admins and viewers may make; a carrier key gets 403 (README: ingest status).
  probeAllCarriersRead: () => Promise<unknown>;
};

const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

// A user session answers /auth/me; the admin token is "not a session" there but reads every
// carrier; a carrier key is neither, and is refused here rather than on every page.
export async function resolveSession({ fetchMe, probeAllCarriersRead }: ResolveInput): Promise<ResolvedSession> {
  try {
    const me = await fetchMe();
    return { ok: true, identity: { kind: 'user', user: me.user } };
  } catch (error) {
    if (error instanceof UnauthorizedError) {
      return { ok: false, message: REJECTED_TOKEN_MESSAGE };
    }
    if (!isForbidden(error)) {
      return { ok: false, message: `Could not check the sign-in: ${describe(error)}.` };
    }
  }
  try {
    await probeAllCarriersRead();
    return { ok: true, identity: { kind: 'admin-token' } };
  } catch (error) {
    if (isForbidden(error)) {
      return { ok: false, message: CARRIER_KEY_MESSAGE };
    }
    if (error instanceof UnauthorizedError) {
      return { ok: false, message: REJECTED_TOKEN_MESSAGE };
    }
    return { ok: false, message: `Could not check the token: ${describe(error)}.` };
  }
}

export function roleOf(identity: Identity): UserRole {
  return identity.kind === 'user' ? identity.user.role : 'admin';
}

export function describeIdentity(identity: Identity): string {
  return identity.kind === 'user' ? identity.user.name : 'Admin token';
}
