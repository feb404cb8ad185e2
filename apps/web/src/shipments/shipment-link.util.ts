// The shipment lookup page's address for one leg; evidence parcels and hand-overs link here.
export const SHIPMENTS_PATH = '/shipments';

export function shipmentLookupSearch({ carrier, trackingNumber }: { carrier: string; trackingNumber: string }): string {
  return `?${new URLSearchParams({ carrier, tracking: trackingNumber }).toString()}`;
}

export function readShipmentLookup(params: URLSearchParams): { carrier: string; trackingNumber: string } | null {
  const carrier = params.get('carrier')?.trim() ?? '';
  const trackingNumber = params.get('tracking')?.trim() ?? '';
  return carrier === '' || trackingNumber === '' ? null : { carrier, trackingNumber };
}
