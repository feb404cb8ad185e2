// The shipment lookup page's address for one leg; evidence parcels and hand-overs link here.
export const SHIPMENTS_PATH = '/shipments';

// The carrier is optional: a number alone is looked up at every carrier.
export type ShipmentLookup = { carrier: string | null; trackingNumber: string };

export function shipmentLookupSearch({ carrier, trackingNumber }: { carrier?: string | null; trackingNumber: string }): string {
  const params = new URLSearchParams();
  const code = carrier?.trim().toLowerCase() ?? '';
  if (code !== '') {
    params.set('carrier', code);
  }
  params.set('tracking', trackingNumber.trim());
  return `?${params.toString()}`;
}

// Carrier codes are stored lower case, so "LAPOSTE" in a link or the form means "laposte".
export function readShipmentLookup(params: URLSearchParams): ShipmentLookup | null {
  const carrier = params.get('carrier')?.trim().toLowerCase() ?? '';
  const trackingNumber = params.get('tracking')?.trim() ?? '';
  return trackingNumber === '' ? null : { carrier: carrier === '' ? null : carrier, trackingNumber };
}
