import type { Milestone } from './milestones';
import { eventIdentityKey } from './event-identity';
import { EventValidationContext, EventValidationResult, NormalizedEvent, validateEvent } from './event-validation';

const RECEIVED_AT = new Date('2026-11-03T12:00:00Z');
const REGISTERED = new Set(['cainiao', 'correios', 'postnl']);

const carrierKey = (overrides: Partial<EventValidationContext> = {}): EventValidationContext => ({
  receivedAt: RECEIVED_AT,
  keyCarrier: 'cainiao',
  isKnownCarrier: (code) => REGISTERED.has(code),
  // The hash is @lanewatch/crypto's (Node-only); here the identity is its key, which the hash is taken of.
  identityOf: eventIdentityKey,
  ...overrides,
});
const adminToken = (): EventValidationContext => carrierKey({ keyCarrier: null });

const event = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  trackingNumber: 'LP005123456789CN',
  milestone: 'ACCEPTED',
  occurredAt: '2026-11-02T08:15:00-03:00',
  ...overrides,
});
const without = (key: string, input: Record<string, unknown> = event()): Record<string, unknown> => {
  const copy = { ...input };
  delete copy[key];
  return copy;
};

const accepted = (result: EventValidationResult): NormalizedEvent => {
  if (!result.ok) throw new Error(`expected the event to be accepted, got ${JSON.stringify(result.errors)}`);
  return result.event;
};
const rejectedWith = (...errors: string[]) => ({ ok: false, errors });

const ALL_MILESTONES =
  'INFO_RECEIVED, ACCEPTED, ORIGIN_FACILITY, EXPORT_CUSTOMS_STARTED, EXPORT_CUSTOMS_HELD, EXPORT_CUSTOMS_CLEARED, ' +
  'HANDED_TO_LINEHAUL, DEPARTED_ORIGIN, TRANSIT_HUB, ARRIVED_DESTINATION, IMPORT_CUSTOMS_STARTED, IMPORT_CUSTOMS_HELD, ' +
  'IMPORT_CUSTOMS_RELEASED, HANDED_OVER, DESTINATION_FACILITY, OUT_FOR_DELIVERY, DELIVERY_FAILED, AVAILABLE_FOR_PICKUP, ' +
  'DELIVERED, RETURN_IN_TRANSIT, RETURNED, EXCEPTION, LOST, DESTROYED, CANCELLED';
const TRACKING_RULE = 'must be 4-64 characters of A-Z a-z 0-9 . _ -';

describe('validateEvent: a valid event', () => {
  it('accepts a minimal event and fills every optional field with null', () => {
    const input = event();
    expect(validateEvent(input, carrierKey())).toEqual({
      ok: true,
      event: {
        carrier: 'cainiao',
        trackingNumber: 'LP005123456789CN',
        milestone: 'ACCEPTED',
        code: null,
        occurredAt: '2026-11-02T11:15:00.000Z',
        offsetMinutes: -180,
        eventId: null,
        location: { country: null, city: null, facility: null },
        message: null,
        reason: null,
        subtype: null,
        handover: null,
        shipment: null,
        identity: '["k","cainiao","LP005123456789CN","1793618100000","m:ACCEPTED","","",""]',
        raw: input,
      },
    });
  });

  it.each([
    ['2026-11-02T08:15:00-03:00', '2026-11-02T11:15:00.000Z', -180],
    ['2026-11-02T16:45:00+05:30', '2026-11-02T11:15:00.000Z', 330],
    ['2026-11-02T11:15:00Z', '2026-11-02T11:15:00.000Z', 0],
    ['2026-11-02T11:15:00.250+00:00', '2026-11-02T11:15:00.250Z', 0],
    ['2026-11-01T23:30:00-1000', '2026-11-02T09:30:00.000Z', -600],
  ])('converts occurredAt %s to UTC %s and keeps the offset %i minutes', (occurredAt, utc, offsetMinutes) => {
    const normalized = accepted(validateEvent(event({ occurredAt }), carrierKey()));
    expect(normalized.occurredAt).toBe(utc);
    expect(normalized.offsetMinutes).toBe(offsetMinutes);
  });

  it('trims every string and turns blank optional strings into null', () => {
    const normalized = accepted(
      validateEvent(
        event({
          trackingNumber: '  LP005123456789CN ',
          carrier: ' cainiao ',
          milestone: ' IMPORT_CUSTOMS_HELD ',
          code: ' EME ',
          eventId: ' evt-1 ',
          location: { country: ' br ', city: ' Curitiba ', facility: '   ' },
          message: '  Objeto retido pela fiscalização aduaneira  ',
          reason: ' DOCUMENTS_REQUIRED ',
          shipment: { origin: ' CN ', destination: 'BR', serviceLevel: ' standard ', promisedBy: ' 2026-11-30T23:59:59-03:00 ', orderRef: '' },
        }),
        carrierKey(),
      ),
    );
    expect(normalized).toMatchObject({
      carrier: 'cainiao',
      trackingNumber: 'LP005123456789CN',
      milestone: 'IMPORT_CUSTOMS_HELD',
      code: 'EME',
      eventId: 'evt-1',
      location: { country: 'BR', city: 'Curitiba', facility: null },
      message: 'Objeto retido pela fiscalização aduaneira',
      reason: 'DOCUMENTS_REQUIRED',
      shipment: { origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-11-30T23:59:59-03:00', orderRef: null },
    });
  });

  it('converts alpha-3 country codes to alpha-2 in the location and the shipment block', () => {
    const normalized = accepted(
      validateEvent(event({ location: { country: 'bra' }, shipment: { origin: 'CHN', destination: 'Bra' } }), carrierKey()),
    );
    expect(normalized.location.country).toBe('BR');
    expect(normalized.shipment).toEqual({ origin: 'CN', destination: 'BR', serviceLevel: null, promisedBy: null, orderRef: null });
  });

  it('rejects a country code that is neither alpha-2 nor alpha-3', () => {
    expect(validateEvent(event({ location: { country: 'XX' } }), carrierKey())).toEqual(
      rejectedWith("location.country 'XX' is not an ISO 3166-1 alpha-2 (or alpha-3) country code"),
    );
    expect(validateEvent(event({ shipment: { destination: 'BRAZIL' } }), carrierKey())).toEqual(
      rejectedWith("shipment.destination 'BRAZIL' is not an ISO 3166-1 alpha-2 (or alpha-3) country code"),
    );
  });

  it('accepts an event with only a code and leaves its milestone to the code map', () => {
    const normalized = accepted(validateEvent(without('milestone', event({ code: 'EME' })), carrierKey()));
    expect(normalized.milestone).toBeNull();
    expect(normalized.code).toBe('EME');
  });

  it('keeps the raw input as received', () => {
    const input = event({ unknownField: { nested: true } });
    expect(accepted(validateEvent(input, carrierKey())).raw).toBe(input);
  });
});

describe('validateEvent: trackingNumber', () => {
  it('rejects a missing trackingNumber', () => {
    expect(validateEvent(without('trackingNumber'), carrierKey())).toEqual(rejectedWith('trackingNumber is required'));
  });

  it('rejects a blank trackingNumber as missing', () => {
    expect(validateEvent(event({ trackingNumber: '   ' }), carrierKey())).toEqual(rejectedWith('trackingNumber is required'));
  });

  it('rejects a trackingNumber that is not a string', () => {
    expect(validateEvent(event({ trackingNumber: 123456 }), carrierKey())).toEqual(rejectedWith('trackingNumber must be a string'));
  });

  it.each([
    ['too short', 'ABC'],
    ['too long', 'A'.repeat(65)],
    ['with a space inside', 'LP005 123456'],
    ['with a slash', 'LP005/123456'],
    ['with a non-ASCII letter', 'LPÇ05123456'],
  ])('rejects a trackingNumber %s', (_case, trackingNumber) => {
    expect(validateEvent(event({ trackingNumber }), carrierKey())).toEqual(rejectedWith(`trackingNumber ${TRACKING_RULE}`));
  });

  it.each([
    ['4 characters', 'AB12'],
    ['64 characters', 'A'.repeat(64)],
    ['dots, underscores and hyphens', 'a.b_c-D9'],
  ])('accepts a trackingNumber of %s', (_case, trackingNumber) => {
    expect(accepted(validateEvent(event({ trackingNumber }), carrierKey())).trackingNumber).toBe(trackingNumber);
  });
});

describe('validateEvent: milestone and code', () => {
  it('rejects a milestone that is not canonical and lists the canonical values', () => {
    expect(validateEvent(event({ milestone: 'DELIVERD' }), carrierKey())).toEqual(
      rejectedWith(`milestone must be one of ${ALL_MILESTONES}`),
    );
  });

  it('rejects a milestone written in lower case', () => {
    expect(validateEvent(event({ milestone: 'delivered' }), carrierKey())).toEqual(
      rejectedWith(`milestone must be one of ${ALL_MILESTONES}`),
    );
  });

  it('rejects an event with neither milestone nor code', () => {
    expect(validateEvent(without('milestone'), carrierKey())).toEqual(rejectedWith('milestone or code is required (at least one)'));
  });

  it('treats blank milestone and code as absent', () => {
    expect(validateEvent(event({ milestone: ' ', code: '' }), carrierKey())).toEqual(
      rejectedWith('milestone or code is required (at least one)'),
    );
  });

  it('keeps both when milestone and code are given', () => {
    const normalized = accepted(validateEvent(event({ milestone: 'IMPORT_CUSTOMS_HELD', code: 'EME' }), carrierKey()));
    expect([normalized.milestone, normalized.code]).toEqual(['IMPORT_CUSTOMS_HELD', 'EME']);
  });
});

describe('validateEvent: occurredAt', () => {
  it('rejects a missing occurredAt', () => {
    expect(validateEvent(without('occurredAt'), carrierKey())).toEqual(rejectedWith('occurredAt is required'));
  });

  it('rejects an occurredAt that is not a string', () => {
    expect(validateEvent(event({ occurredAt: 1_762_082_100_000 }), carrierKey())).toEqual(
      rejectedWith('occurredAt must be an ISO 8601 string with a UTC offset'),
    );
  });

  it.each(['2026-11-02T08:15:00', '2026-11-02T08:15', '2026-11-02T08:15:00.123'])(
    'rejects occurredAt %s without a UTC offset and says it must include one',
    (occurredAt) => {
      const result = validateEvent(event({ occurredAt }), carrierKey());
      expect(result).toEqual(rejectedWith('occurredAt must include a UTC offset (e.g. -03:00) or Z'));
      expect(result.ok ? [] : result.errors[0]).toContain('occurredAt must include a UTC offset');
    },
  );

  it.each(['yesterday', '', '02/11/2026 08:15 -03:00', '2026-11-02', '2026-11-02 08:15:00Z'])(
    'rejects the unparseable occurredAt %j',
    (occurredAt) => {
      expect(validateEvent(event({ occurredAt }), carrierKey())).toEqual(
        rejectedWith('occurredAt must be an ISO 8601 date-time such as 2026-11-02T08:15:00-03:00'),
      );
    },
  );

  it('rejects an impossible date such as 30 February', () => {
    expect(validateEvent(event({ occurredAt: '2026-02-30T10:00:00Z' }), carrierKey())).toEqual(
      rejectedWith('occurredAt is not a valid date-time (you specified 30 (of type number) as a day, which is invalid)'),
    );
  });

  it('rejects an impossible hour such as 25:00', () => {
    const result = validateEvent(event({ occurredAt: '2026-11-02T25:00:00Z' }), carrierKey());
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/^occurredAt is not a valid date-time \(.+\)$/)]);
  });

  it('rejects an occurredAt before 2000-01-01', () => {
    expect(validateEvent(event({ occurredAt: '1999-12-31T23:59:59.999Z' }), carrierKey())).toEqual(
      rejectedWith('occurredAt must not be before 2000-01-01'),
    );
  });

  it('accepts an occurredAt of exactly 2000-01-01T00:00:00Z', () => {
    expect(accepted(validateEvent(event({ occurredAt: '2000-01-01T00:00:00Z' }), carrierKey())).occurredAt).toBe(
      '2000-01-01T00:00:00.000Z',
    );
  });

  it('rejects an occurredAt more than 24 hours after the time of receipt', () => {
    expect(validateEvent(event({ occurredAt: '2026-11-04T12:00:01Z' }), carrierKey())).toEqual(
      rejectedWith('occurredAt is more than 24 hours after the time of receipt'),
    );
  });

  it('accepts an occurredAt exactly 24 hours after the time of receipt', () => {
    expect(accepted(validateEvent(event({ occurredAt: '2026-11-04T12:00:00Z' }), carrierKey())).occurredAt).toBe(
      '2026-11-04T12:00:00.000Z',
    );
  });

  it('measures the 24 hours as instants, whatever offset wrote occurredAt', () => {
    // 09:00-03:00 is 12:00Z, exactly 24 h after receipt; 09:00:01-03:00 is one second more.
    expect(validateEvent(event({ occurredAt: '2026-11-04T09:00:00-03:00' }), carrierKey()).ok).toBe(true);
    expect(validateEvent(event({ occurredAt: '2026-11-04T09:00:01-03:00' }), carrierKey())).toEqual(
      rejectedWith('occurredAt is more than 24 hours after the time of receipt'),
    );
  });
});

describe('validateEvent: carrier', () => {
  it("rejects another carrier's event posted with a carrier key", () => {
    expect(validateEvent(event({ carrier: 'correios' }), carrierKey())).toEqual(
      rejectedWith("carrier 'correios' does not match this API key's carrier 'cainiao'"),
    );
  });

  it("accepts an event naming the key's own carrier", () => {
    expect(accepted(validateEvent(event({ carrier: 'cainiao' }), carrierKey())).carrier).toBe('cainiao');
  });

  it("takes the carrier from the key when the event names none", () => {
    expect(accepted(validateEvent(event(), carrierKey({ keyCarrier: 'postnl' }))).carrier).toBe('postnl');
  });

  it('rejects an event without carrier posted with the admin token', () => {
    expect(validateEvent(event(), adminToken())).toEqual(rejectedWith('carrier is required when posting with the admin token'));
  });

  it('rejects an event naming an unregistered carrier posted with the admin token', () => {
    expect(validateEvent(event({ carrier: 'dhl' }), adminToken())).toEqual(rejectedWith("carrier 'dhl' is not a registered carrier"));
  });

  it('accepts an event naming a registered carrier posted with the admin token', () => {
    expect(accepted(validateEvent(event({ carrier: 'correios' }), adminToken())).carrier).toBe('correios');
  });
});

describe('validateEvent: handover', () => {
  const handover = { carrier: 'correios', trackingNumber: 'NL123456789BR' };

  it('accepts a HANDED_OVER event with a handover and trims it', () => {
    const normalized = accepted(
      validateEvent(
        event({ milestone: 'HANDED_OVER', handover: { carrier: ' correios ', trackingNumber: ' NL123456789BR ' } }),
        carrierKey(),
      ),
    );
    expect(normalized.handover).toEqual(handover);
  });

  it('accepts a HANDED_OVER event without a handover when the next leg is unknown', () => {
    expect(accepted(validateEvent(event({ milestone: 'HANDED_OVER' }), carrierKey())).handover).toBeNull();
  });

  it('rejects a handover on a milestone other than HANDED_OVER', () => {
    expect(validateEvent(event({ milestone: 'DELIVERED', handover }), carrierKey())).toEqual(
      rejectedWith('handover is only allowed on HANDED_OVER events, not on DELIVERED'),
    );
  });

  it('rejects a handover naming an unregistered carrier', () => {
    expect(
      validateEvent(event({ milestone: 'HANDED_OVER', handover: { carrier: 'dhl', trackingNumber: 'NL123456789BR' } }), carrierKey()),
    ).toEqual(rejectedWith("handover.carrier 'dhl' is not a registered carrier"));
  });

  it('rejects a handover without a tracking number', () => {
    expect(validateEvent(event({ milestone: 'HANDED_OVER', handover: { carrier: 'correios' } }), carrierKey())).toEqual(
      rejectedWith('handover.trackingNumber is required'),
    );
  });

  it('rejects a handover with a malformed tracking number', () => {
    expect(
      validateEvent(event({ milestone: 'HANDED_OVER', handover: { carrier: 'correios', trackingNumber: 'NL 1' } }), carrierKey()),
    ).toEqual(rejectedWith(`handover.trackingNumber ${TRACKING_RULE}`));
  });

  it('rejects a handover that is not an object', () => {
    expect(validateEvent(event({ milestone: 'HANDED_OVER', handover: 'correios:NL123456789BR' }), carrierKey())).toEqual(
      rejectedWith('handover must be an object'),
    );
  });
});

describe('validateEvent: string lengths', () => {
  it('accepts a message of 1000 characters', () => {
    expect(accepted(validateEvent(event({ message: 'm'.repeat(1000) }), carrierKey())).message).toHaveLength(1000);
  });

  it('rejects a message longer than 1000 characters', () => {
    expect(validateEvent(event({ message: 'm'.repeat(1001) }), carrierKey())).toEqual(
      rejectedWith('message must be at most 1000 characters'),
    );
  });

  it('measures the message after trimming', () => {
    expect(accepted(validateEvent(event({ message: `  ${'m'.repeat(1000)}  ` }), carrierKey())).message).toHaveLength(1000);
  });

  it.each([
    ['reason', { reason: 'r'.repeat(201) }],
    ['code', { code: 'c'.repeat(201) }],
    ['eventId', { eventId: 'e'.repeat(201) }],
    ['location.city', { location: { city: 'c'.repeat(201) } }],
    ['location.facility', { location: { facility: 'f'.repeat(201) } }],
    ['shipment.serviceLevel', { shipment: { serviceLevel: 's'.repeat(201) } }],
    ['shipment.orderRef', { shipment: { orderRef: 'o'.repeat(201) } }],
  ])('rejects %s longer than 200 characters', (field, overrides) => {
    expect(validateEvent(event(overrides), carrierKey())).toEqual(rejectedWith(`${field} must be at most 200 characters`));
  });

  it('accepts other strings of exactly 200 characters', () => {
    const normalized = accepted(
      validateEvent(event({ reason: 'r'.repeat(200), location: { facility: 'f'.repeat(200) } }), carrierKey()),
    );
    expect([normalized.reason?.length, normalized.location.facility?.length]).toEqual([200, 200]);
  });

  it('rejects an optional field of the wrong type', () => {
    expect(validateEvent(event({ reason: 42, location: 'BR' }), carrierKey())).toEqual(
      rejectedWith('location must be an object', 'reason must be a string'),
    );
  });
});

describe('validateEvent: subtype', () => {
  it.each(['recipient', 'pickup_point', 'locker', 'neighbour', 'safe_place'])('accepts DELIVERED with subtype %s', (subtype) => {
    expect(accepted(validateEvent(event({ milestone: 'DELIVERED', subtype }), carrierKey())).subtype).toBe(subtype);
  });

  it('rejects a DELIVERED subtype that is not in the list', () => {
    expect(validateEvent(event({ milestone: 'DELIVERED', subtype: 'doorstep' }), carrierKey())).toEqual(
      rejectedWith('subtype must be one of recipient, pickup_point, locker, neighbour, safe_place'),
    );
  });

  it('rejects a subtype on a milestone other than DELIVERED', () => {
    expect(validateEvent(event({ milestone: 'AVAILABLE_FOR_PICKUP', subtype: 'locker' }), carrierKey())).toEqual(
      rejectedWith('subtype is only allowed on DELIVERED events'),
    );
  });
});

describe('validateEvent: shipment block', () => {
  it('rejects shipment.promisedBy without a UTC offset', () => {
    expect(validateEvent(event({ shipment: { promisedBy: '2026-11-30T23:59:59' } }), carrierKey())).toEqual(
      rejectedWith('shipment.promisedBy must include a UTC offset (e.g. -03:00) or Z'),
    );
  });

  it('rejects a shipment.promisedBy that is not a date-time', () => {
    expect(validateEvent(event({ shipment: { promisedBy: 'end of November' } }), carrierKey())).toEqual(
      rejectedWith('shipment.promisedBy must be an ISO 8601 date-time such as 2026-11-02T08:15:00-03:00'),
    );
  });

  it('accepts a full shipment block', () => {
    const shipment = { origin: 'CN', destination: 'BR', serviceLevel: 'standard', promisedBy: '2026-11-30T23:59:59-03:00', orderRef: '8123456789' };
    expect(accepted(validateEvent(event({ shipment }), carrierKey())).shipment).toEqual(shipment);
  });
});

describe('validateEvent: several problems', () => {
  it('lists every problem of an event whose fields are malformed, not only the first', () => {
    const result = validateEvent(
      {
        trackingNumber: 'AB',
        carrier: 'correios',
        occurredAt: '2026-11-02T08:15:00',
        location: { country: 'XX' },
        message: 'm'.repeat(1001),
        handover: { carrier: 'dhl', trackingNumber: 'NL123456789BR' },
      },
      carrierKey(),
    );
    const expected = [
      `trackingNumber ${TRACKING_RULE}`,
      "location.country 'XX' is not an ISO 3166-1 alpha-2 (or alpha-3) country code",
      'message must be at most 1000 characters',
      'occurredAt must include a UTC offset (e.g. -03:00) or Z',
      "carrier 'correios' does not match this API key's carrier 'cainiao'",
      'milestone or code is required (at least one)',
      "handover.carrier 'dhl' is not a registered carrier",
    ];
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : [...result.errors].sort()).toEqual([...expected].sort());
  });

  it('still names the rules between fields when one field has the wrong shape', () => {
    const result = validateEvent(
      event({ trackingNumber: 'A', milestone: 'OUT_FOR_DELIVERY', subtype: 'locker', shipment: { promisedBy: '2026-11-30T23:59:59' } }),
      carrierKey(),
    );
    expect(result.ok ? [] : [...result.errors].sort()).toEqual(
      [
        `trackingNumber ${TRACKING_RULE}`,
        'subtype is only allowed on DELIVERED events',
        'shipment.promisedBy must include a UTC offset (e.g. -03:00) or Z',
      ].sort(),
    );
  });

  it('does not add consequential errors for a field that is already reported', () => {
    // A misspelt milestone is one problem: no "milestone or code is required", no handover rule.
    expect(
      validateEvent(event({ milestone: 'HANDOVER', handover: { carrier: 'correios', trackingNumber: 'NL123456789BR' } }), carrierKey()),
    ).toEqual(rejectedWith(`milestone must be one of ${ALL_MILESTONES}`));
  });

  it('does not reject the subtype of an event whose milestone is misspelt', () => {
    expect(validateEvent(event({ milestone: 'DELIVERD', subtype: 'locker' }), carrierKey())).toEqual(
      rejectedWith(`milestone must be one of ${ALL_MILESTONES}`),
    );
  });

  it('lists problems found by the date and carrier rules together with field problems', () => {
    const result = validateEvent(
      { trackingNumber: 'LP005123456789CN', code: 'EME', occurredAt: '1999-01-01T00:00:00Z', reason: 'r'.repeat(201) },
      adminToken(),
    );
    expect(result.ok ? [] : [...result.errors].sort()).toEqual(
      ['reason must be at most 200 characters', 'occurredAt must not be before 2000-01-01', 'carrier is required when posting with the admin token'].sort(),
    );
  });
});

describe('validateEvent: not an object', () => {
  it.each([
    ['a string', 'LP005123456789CN'],
    ['a number', 42],
    ['null', null],
    ['an array', [event()]],
  ])('rejects %s as an event', (_case, input) => {
    expect(validateEvent(input, carrierKey())).toEqual(rejectedWith('event must be a JSON object'));
  });
});

describe('validateEvent: code-only events are judged by the milestone their code maps to', () => {
  const codeMap: Record<string, Milestone> = { EMI: 'DELIVERED', GTMS_ACCEPT: 'HANDED_OVER', EMB: 'ORIGIN_FACILITY' };
  const withMap = carrierKey({ milestoneOfCode: (code) => codeMap[code] ?? null });
  const handover = { carrier: 'correios', trackingNumber: 'NL123456789BR' };

  it('accepts a handover on a code that maps to HANDED_OVER', () => {
    expect(validateEvent(without('milestone', event({ code: 'GTMS_ACCEPT', handover })), withMap).ok).toBe(true);
  });

  it('rejects a handover on a code that maps to another milestone, naming the code', () => {
    expect(validateEvent(without('milestone', event({ code: 'EMB', handover })), withMap)).toEqual(
      rejectedWith("handover is only allowed on HANDED_OVER events, not on ORIGIN_FACILITY (code 'EMB')"),
    );
  });

  it('accepts a handover on an unmapped code: what it means is not known yet', () => {
    expect(validateEvent(without('milestone', event({ code: 'NEW_CODE', handover })), withMap).ok).toBe(true);
  });

  it('accepts a subtype on a code that maps to DELIVERED and on an unmapped code', () => {
    expect(accepted(validateEvent(without('milestone', event({ code: 'EMI', subtype: 'locker' })), withMap)).subtype).toBe('locker');
    expect(validateEvent(without('milestone', event({ code: 'NEW_CODE', subtype: 'locker' })), withMap).ok).toBe(true);
  });

  it('rejects a subtype on a code that maps to another milestone', () => {
    expect(validateEvent(without('milestone', event({ code: 'EMB', subtype: 'locker' })), withMap)).toEqual(
      rejectedWith('subtype is only allowed on DELIVERED events'),
    );
  });
});
