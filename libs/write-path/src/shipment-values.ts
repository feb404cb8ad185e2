import type { ShipmentField } from '@lanewatch/db';
import { formatUtc, parseInstantWithOffset } from '@lanewatch/domain';

const INSTANT_FIELDS: ShipmentField[] = ['promisedBy', 'carrierEstimate'];

/** Attribute values as kept in the history: instants in UTC, so one instant is one value whatever offset wrote it. */
export function shipmentValues(values: Partial<Record<ShipmentField, string | null>>): Partial<Record<ShipmentField, string | null>> {
  const normalized = { ...values };
  for (const field of INSTANT_FIELDS) {
    const value = normalized[field];
    if (!value) continue;
    const parsed = parseInstantWithOffset(field, value);
    if (parsed.ok) normalized[field] = formatUtc(parsed.value.epochMs);
  }
  return normalized;
}
