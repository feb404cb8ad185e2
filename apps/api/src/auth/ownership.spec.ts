import { ForbiddenException } from '@nestjs/common';
import type { Principal } from './access.util';
import { assertOwnCarrier, assertReadsAllCarriers } from './ownership';

const key: Principal = { kind: 'carrier', carrierId: 3, carrierCode: 'correios' };
const user: Principal = { kind: 'carrier', carrierId: 3, carrierCode: 'correios', userId: 9 };
const viewer: Principal = { kind: 'viewer', userId: 2 };

describe('carrier confinement', () => {
  it('lets a carrier key or a carrier user reach its own carrier only, and says which caller it is', () => {
    expect(() => assertOwnCarrier(key, 'correios')).not.toThrow();
    expect(() => assertOwnCarrier(user, 'correios')).not.toThrow();
    expect(() => assertOwnCarrier(key, 'upu')).toThrow(new ForbiddenException("this API key belongs to carrier 'correios', not 'upu'"));
    expect(() => assertOwnCarrier(user, 'upu')).toThrow(new ForbiddenException("this user is bound to carrier 'correios', not 'upu'"));
    expect(() => assertOwnCarrier(viewer, 'upu')).not.toThrow();
  });

  it('keeps both carrier callers out of reads spanning every carrier', () => {
    expect(() => assertReadsAllCarriers(user)).toThrow(ForbiddenException);
    expect(() => assertReadsAllCarriers(key)).toThrow(ForbiddenException);
    expect(() => assertReadsAllCarriers(viewer)).not.toThrow();
  });
});
