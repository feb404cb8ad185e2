import { UPU_CODE_MAP } from '@lanewatch/formats';
import type { DeliverySubtype, Milestone } from './milestones.constants';
import type { SimulatedCarrier } from './feed.types';
import type { TrackingFormat } from './tracking-number.util';

export type MessageLanguage = 'en' | 'pt' | 'nl' | 'fr' | 'es';

export type HourRange = readonly [number, number];

// Templates: `{city}` as written, `{CITY}` upper-cased (Correios writes its units in capitals).
export interface FacilityTemplates {
  sorting: string;
  office: string;
  pickup: string;
}

export interface FirstMileProfile {
  /** Share of non-premium parcels this carrier wins; premium always goes with the fastest. */
  marketShare: number;
  lostRate: number;
  /** Waiting for capacity between the hand-over to the airline and departure. */
  flightWaitHours: HourRange;
  pickupFacility: string;
  sortingCentre: string;
  /** Cainiao sends its own action code next to the milestone; an explicit milestone wins (events.md §2). */
  actionCodes?: Partial<Record<Milestone, string>>;
}

export interface LastMileProfile {
  firstAttemptRate: number;
  inductionHours: HourRange;
  toDeliveryOfficeHours: HourRange;
  /** After a failed attempt: share sent to a pickup point, the rest is re-attempted next day. */
  pickupAfterFailureRate: number;
  pickupCollectionRate: number;
  successSubtypes: readonly (readonly [DeliverySubtype, number])[];
  facilities: FacilityTemplates;
}

export interface CarrierProfile {
  carrier: SimulatedCarrier;
  language: MessageLanguage;
  sendsEventIds: boolean;
  trackingFormat: TrackingFormat;
  /** For carriers whose eventStyle is 'code': the raw code written for each milestone. */
  codes?: Partial<Record<Milestone, string>>;
  firstMile?: FirstMileProfile;
  lastMile?: LastMileProfile;
}

// The UPU codes of the built-in UPU map (formats.md; EMF is decided per item there), plus
// Correios' own return code.
export const CORREIOS_CODE_MAP: Record<string, Milestone> = { ...UPU_CODE_MAP, DEV: 'RETURN_IN_TRANSIT' };

// Correios' domestic "Objeto em trânsito" scan: deliberately absent from the map so the
// feed exercises unmapped-code counting (events.md §5).
export const CORREIOS_UNMAPPED_CODE = 'RO';

// Last-mile milestones Correios reports, and the raw code it uses for each.
export const CORREIOS_CODES: Partial<Record<Milestone, string>> = {
  DESTINATION_FACILITY: 'EDD',
  OUT_FOR_DELIVERY: 'EDG',
  DELIVERY_FAILED: 'EMH',
  AVAILABLE_FOR_PICKUP: 'EDH',
  DELIVERED: 'EMI',
  RETURN_IN_TRANSIT: 'DEV',
};

const CAINIAO_ACTION_CODES: Partial<Record<Milestone, string>> = {
  ACCEPTED: 'PU_PICKUP_SUCCESS',
  ORIGIN_FACILITY: 'SC_INBOUND_SUCCESS',
  EXPORT_CUSTOMS_STARTED: 'CC_EX_START',
  EXPORT_CUSTOMS_CLEARED: 'CC_EX_SUCCESS',
  HANDED_TO_LINEHAUL: 'LH_HO_AIRLINE',
  DEPARTED_ORIGIN: 'LH_DEPART',
  ARRIVED_DESTINATION: 'LH_ARRIVE',
  IMPORT_CUSTOMS_STARTED: 'CC_IM_START',
  IMPORT_CUSTOMS_HELD: 'CC_IM_FAILURE',
  IMPORT_CUSTOMS_RELEASED: 'CC_IM_SUCCESS',
  HANDED_OVER: 'GTMS_ACCEPT',
  RETURNED: 'RETURNED',
  CANCELLED: 'GWMS_CANCEL',
};

const HOME_DELIVERY: LastMileProfile['successSubtypes'] = [
  ['recipient', 80],
  ['safe_place', 10],
  ['neighbour', 10],
];

// Performance differs on purpose so SLA work has something to find: La Poste (Colissimo)
// fails first attempts far more often, Correios is slow from hand-over to delivery office,
// YunExpress waits longer for flights and loses more parcels.
export const CARRIER_PROFILES: readonly CarrierProfile[] = [
  {
    carrier: { code: 'cainiao', name: 'Cainiao', kind: 'platform', country: 'CN', role: 'first-mile', eventStyle: 'milestone' },
    language: 'en',
    sendsEventIds: true,
    trackingFormat: { kind: 'cainiao' },
    firstMile: {
      marketShare: 0.7,
      lostRate: 0.004,
      flightWaitHours: [4, 30],
      pickupFacility: 'Cainiao {city} Pickup Station',
      sortingCentre: 'Cainiao {city} Sorting Center',
      actionCodes: CAINIAO_ACTION_CODES,
    },
  },
  {
    carrier: { code: 'yunexpress', name: 'YunExpress', kind: 'linehaul', country: 'CN', role: 'first-mile', eventStyle: 'milestone' },
    language: 'en',
    sendsEventIds: false,
    trackingFormat: { kind: 'yunexpress' },
    firstMile: {
      marketShare: 0.3,
      lostRate: 0.012,
      flightWaitHours: [18, 96],
      pickupFacility: 'YunExpress {city} Warehouse',
      sortingCentre: 'YunExpress {city} Processing Center',
    },
  },
  {
    carrier: {
      code: 'correios',
      name: 'Correios',
      kind: 'postal',
      country: 'BR',
      role: 'last-mile',
      eventStyle: 'code',
      codeMap: CORREIOS_CODE_MAP,
    },
    language: 'pt',
    sendsEventIds: false,
    trackingFormat: { kind: 's10', prefixes: ['NL', 'NM', 'NX', 'QB'], country: 'BR' },
    codes: CORREIOS_CODES,
    lastMile: {
      firstAttemptRate: 0.8,
      inductionHours: [12, 48],
      toDeliveryOfficeHours: [48, 144],
      pickupAfterFailureRate: 0.75,
      pickupCollectionRate: 0.88,
      successSubtypes: [['recipient', 95], ['neighbour', 5]],
      facilities: { sorting: 'CTE {CITY}', office: 'CDD {CITY}', pickup: 'AGF {CITY} CENTRO' },
    },
  },
  {
    carrier: { code: 'usps', name: 'USPS', kind: 'postal', country: 'US', role: 'last-mile', eventStyle: 'milestone' },
    language: 'en',
    sendsEventIds: false,
    trackingFormat: { kind: 'usps-impb' },
    lastMile: {
      firstAttemptRate: 0.94,
      inductionHours: [6, 30],
      toDeliveryOfficeHours: [24, 72],
      pickupAfterFailureRate: 0.5,
      pickupCollectionRate: 0.9,
      successSubtypes: [['recipient', 35], ['safe_place', 55], ['locker', 10]],
      facilities: { sorting: '{CITY} DISTRIBUTION CENTER', office: '{CITY} POST OFFICE', pickup: '{CITY} POST OFFICE' },
    },
  },
  {
    carrier: { code: 'postnl', name: 'PostNL', kind: 'postal', country: 'NL', role: 'last-mile', eventStyle: 'milestone' },
    language: 'nl',
    sendsEventIds: true,
    trackingFormat: { kind: 'postnl-3s' },
    lastMile: {
      firstAttemptRate: 0.9,
      inductionHours: [4, 20],
      toDeliveryOfficeHours: [8, 30],
      pickupAfterFailureRate: 0.8,
      pickupCollectionRate: 0.93,
      successSubtypes: HOME_DELIVERY,
      facilities: { sorting: 'Sorteercentrum {city}', office: 'Depot {city}', pickup: 'PostNL-punt {city}' },
    },
  },
  {
    carrier: { code: 'dhlparcel', name: 'DHL Parcel NL', kind: 'courier', country: 'NL', role: 'last-mile', eventStyle: 'milestone' },
    language: 'nl',
    sendsEventIds: true,
    trackingFormat: { kind: 'dhl-parcel-nl' },
    lastMile: {
      firstAttemptRate: 0.91,
      inductionHours: [3, 12],
      toDeliveryOfficeHours: [6, 20],
      pickupAfterFailureRate: 0.9,
      pickupCollectionRate: 0.95,
      successSubtypes: HOME_DELIVERY,
      facilities: { sorting: 'DHL Hub {city}', office: 'DHL Depot {city}', pickup: 'DHL ServicePoint {city}' },
    },
  },
  {
    carrier: { code: 'laposte', name: 'La Poste Colissimo', kind: 'postal', country: 'FR', role: 'last-mile', eventStyle: 'milestone' },
    language: 'fr',
    sendsEventIds: false,
    trackingFormat: { kind: 'colissimo' },
    lastMile: {
      firstAttemptRate: 0.58,
      inductionHours: [6, 30],
      toDeliveryOfficeHours: [18, 60],
      pickupAfterFailureRate: 0.92,
      pickupCollectionRate: 0.87,
      successSubtypes: [['recipient', 85], ['neighbour', 5], ['safe_place', 10]],
      facilities: { sorting: 'Plateforme Colis {city}', office: 'Agence Colissimo {city}', pickup: 'Bureau de poste {city}' },
    },
  },
  {
    carrier: { code: 'royalmail', name: 'Royal Mail', kind: 'postal', country: 'GB', role: 'last-mile', eventStyle: 'milestone' },
    language: 'en',
    sendsEventIds: true,
    trackingFormat: { kind: 's10', prefixes: ['TT', 'RB', 'LX'], country: 'GB' },
    lastMile: {
      firstAttemptRate: 0.89,
      inductionHours: [6, 24],
      toDeliveryOfficeHours: [18, 60],
      pickupAfterFailureRate: 0.7,
      pickupCollectionRate: 0.9,
      successSubtypes: HOME_DELIVERY,
      facilities: { sorting: '{city} Mail Centre', office: '{city} Delivery Office', pickup: '{city} Customer Service Point' },
    },
  },
  {
    carrier: { code: 'correos', name: 'Correos', kind: 'postal', country: 'ES', role: 'last-mile', eventStyle: 'milestone' },
    language: 'es',
    sendsEventIds: false,
    trackingFormat: { kind: 'correos-es' },
    lastMile: {
      firstAttemptRate: 0.8,
      inductionHours: [8, 36],
      toDeliveryOfficeHours: [24, 96],
      pickupAfterFailureRate: 0.85,
      pickupCollectionRate: 0.86,
      successSubtypes: [['recipient', 92], ['neighbour', 8]],
      facilities: { sorting: 'Centro de Tratamiento {city}', office: 'Unidad de Reparto {city}', pickup: 'Oficina Correos {city}' },
    },
  },
];

const profilesByCode = new Map(CARRIER_PROFILES.map((profile) => [profile.carrier.code, profile]));

export function carrierProfile(code: string): CarrierProfile {
  const profile = profilesByCode.get(code);
  if (profile === undefined) throw new Error(`unknown simulated carrier ${code}`);
  return profile;
}
