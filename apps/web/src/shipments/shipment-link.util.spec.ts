import { describe, expect, it } from '@jest/globals';
import { readShipmentLookup, shipmentLookupSearch } from './shipment-link.util';

describe('shipment lookup address', () => {
  it('reads a number alone as a lookup at every carrier', () => {
    expect(readShipmentLookup(new URLSearchParams('tracking=%20lp005123456789cn%20'))).toEqual({ carrier: null, trackingNumber: 'lp005123456789cn' });
  });

  it('lower-cases the carrier code, which is stored lower case, and keeps the number as typed', () => {
    expect(readShipmentLookup(new URLSearchParams('carrier=LAPOSTE&tracking=lp7000fr'))).toEqual({ carrier: 'laposte', trackingNumber: 'lp7000fr' });
  });

  it('has nothing to look up without a number', () => {
    expect(readShipmentLookup(new URLSearchParams('carrier=laposte'))).toBeNull();
  });

  it('leaves an empty carrier out of the address', () => {
    expect(shipmentLookupSearch({ carrier: ' ', trackingNumber: 'AB1234' })).toBe('?tracking=AB1234');
    expect(shipmentLookupSearch({ carrier: 'Correios', trackingNumber: 'AB1234' })).toBe('?carrier=correios&tracking=AB1234');
  });
});
