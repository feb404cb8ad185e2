import type { UserRow } from '@lanewatch/db';
import type { UserRole } from '@lanewatch/domain';

export interface UserView {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  /** The code of the carrier a `carrier` user is bound to; null for admins and viewers. */
  carrier: string | null;
  createdAt: Date;
  disabledAt: Date | null;
}

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.display_name,
    role: row.role,
    carrier: row.carrier_code,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}
