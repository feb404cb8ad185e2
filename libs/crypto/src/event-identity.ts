import { createHash } from 'node:crypto';
import { eventIdentityKey, type IdentityInput } from '@lanewatch/domain';

/**
 * events.md §6: the identity of an event, a hex SHA-256 of the domain's identity key, so the
 * database can enforce it with a fixed-width unique key. Passed to `validateEvent` as `identityOf`.
 */
export function eventIdentity(input: IdentityInput): string {
  return createHash('sha256').update(eventIdentityKey(input)).digest('hex');
}
