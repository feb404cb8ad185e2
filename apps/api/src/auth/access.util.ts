// The access model as plain data and functions (no NestJS), so it is unit-tested directly.

/**
 * Who is calling: the admin token (no userId) or an admin user's session, a viewer user's session,
 * a carrier's API key (no userId) or a carrier user's session (contracts.md §3). Both carrier kinds
 * are confined to their carrier by the same checks.
 */
export type Principal =
  | { kind: 'admin'; userId?: number }
  | { kind: 'viewer'; userId: number }
  | { kind: 'carrier'; carrierId: number; carrierCode: string; userId?: number };

/** A carrier user's session, as opposed to the carrier's API key. */
export function isCarrierUser(principal: Principal): boolean {
  return principal.kind === 'carrier' && principal.userId !== undefined;
}

/** How a refusal names a carrier caller: its API key or its user. */
export function carrierCallerName(principal: Principal & { kind: 'carrier' }): string {
  return principal.userId === undefined ? 'this API key belongs to' : 'this user is bound to';
}

/**
 * - `admin`: admins only (the admin token or an admin user): every change except ingest.
 * - `ingest`: admins or carrier keys: posting events and registering shipments (not carrier users:
 *   a person reads; the carrier's systems write).
 * - `read`: admins, viewers, carrier keys and carrier users; handlers confine a carrier caller to its
 *   own carrier (assertOwnCarrier, or filter to it) or keep it out of data that spans carriers
 *   (assertReadsAllCarriers).
 * - `optional`: anyone; a token, when one is sent, must be valid, and the handler sees who sent it
 *   (the health check answers details only to admins and viewers).
 * - `metrics`: METRICS_TOKEN (checked by the guard before any principal, and good for nothing else),
 *   or admins.
 * - `public`: anyone, no token looked at (sign-in).
 * - `signed`: anyone at the guard; the handler verifies the body's signature with the carrier's
 *   webhook secret before anything is read from it (signed webhooks).
 * A route that declares none of these is refused: the API does not start (route-access.util.ts).
 */
export type Access = 'admin' | 'ingest' | 'read' | 'optional' | 'metrics' | 'public' | 'signed';

/** Why `principal` may not call a route that needs `access`; null when it may. */
export function deniedReason(access: Access, principal: Principal): string | null {
  const viewerNote = principal.kind === 'viewer' ? '; viewers can read but not change anything' : '';
  if (access === 'admin' && principal.kind !== 'admin') return `this endpoint needs the admin token or an admin user${viewerNote}`;
  if (access === 'metrics' && principal.kind !== 'admin') return 'this endpoint needs METRICS_TOKEN, the admin token or an admin user';
  if (access === 'ingest' && principal.kind === 'viewer') return `this endpoint needs the admin token, an admin user or a carrier API key${viewerNote}`;
  if (access === 'ingest' && isCarrierUser(principal)) return 'this endpoint needs the admin token, an admin user or a carrier API key; carrier users read their carrier\'s data but send no events';
  return null;
}

/**
 * Who sees the health check's details (dependency latencies and errors, unhealthy channels and their
 * last errors): admins and viewers. Anonymous callers and carrier keys learn only up or down.
 */
export function seesHealthDetails(principal: Principal | undefined): boolean {
  return principal !== undefined && principal.kind !== 'carrier';
}

/** The token of an `Authorization: Bearer <token>` header; bounded so a huge header costs nothing. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S{1,512})$/i.exec(value ?? '');
  return match ? match[1] : null;
}
