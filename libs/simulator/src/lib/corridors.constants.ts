import type { CorridorDefinition, ServiceLevel } from './feed.types';

export interface Place {
  country: string;
  city: string;
  zone: string;
  facility?: string;
}

export interface WeightedCity {
  city: string;
  zone: string;
  weight: number;
}

export interface CustomsProfile {
  /** Probability a standard parcel is held at import; premium is held half as often. */
  holdRate: number;
  holdDays: readonly [number, number];
  /** Share of held parcels that customs ends up destroying. */
  destroyedRate: number;
}

export interface CorridorProfile {
  definition: CorridorDefinition;
  weight: number;
  /** Air gateways where the parcel lands and clears import customs. */
  gateways: readonly Place[];
  transitHubs: readonly Place[];
  deliveryCities: readonly WeightedCity[];
  customs: CustomsProfile;
  flightHours: readonly [number, number];
}

export const SERVICE_LEVELS: readonly ServiceLevel[] = ['standard', 'economy', 'premium'];

export const SERVICE_LEVEL_WEIGHTS: readonly (readonly [ServiceLevel, number])[] = [
  ['standard', 60],
  ['economy', 30],
  ['premium', 10],
];

export const ORIGIN_ZONE = 'Asia/Shanghai';

export const ORIGIN_CITIES: readonly WeightedCity[] = [
  { city: 'Yiwu', zone: ORIGIN_ZONE, weight: 30 },
  { city: 'Guangzhou', zone: ORIGIN_ZONE, weight: 25 },
  { city: 'Shenzhen', zone: ORIGIN_ZONE, weight: 25 },
  { city: 'Dongguan', zone: ORIGIN_ZONE, weight: 10 },
  { city: 'Hangzhou', zone: ORIGIN_ZONE, weight: 10 },
];

// Export customs and departure happen at the airport serving the seller's region.
export const ORIGIN_AIRPORTS: Record<string, Place> = {
  Yiwu: { country: 'CN', city: 'Hangzhou', zone: ORIGIN_ZONE, facility: 'Hangzhou Xiaoshan International Airport' },
  Hangzhou: { country: 'CN', city: 'Hangzhou', zone: ORIGIN_ZONE, facility: 'Hangzhou Xiaoshan International Airport' },
  Guangzhou: { country: 'CN', city: 'Guangzhou', zone: ORIGIN_ZONE, facility: 'Guangzhou Baiyun International Airport' },
  Dongguan: { country: 'CN', city: 'Guangzhou', zone: ORIGIN_ZONE, facility: 'Guangzhou Baiyun International Airport' },
  Shenzhen: { country: 'CN', city: 'Shenzhen', zone: ORIGIN_ZONE, facility: "Shenzhen Bao'an International Airport" },
};

const DOHA: Place = { country: 'QA', city: 'Doha', zone: 'Asia/Qatar', facility: 'Hamad International Airport' };
const LIEGE: Place = { country: 'BE', city: 'Liège', zone: 'Europe/Brussels', facility: 'Liège Airport Cainiao eHub' };
const INCHEON: Place = { country: 'KR', city: 'Incheon', zone: 'Asia/Seoul', facility: 'Incheon International Airport' };
const DUBAI: Place = { country: 'AE', city: 'Dubai', zone: 'Asia/Dubai', facility: 'Dubai World Central' };

// CN-BR is the lane with long import holds (Receita Federal inspections and unpaid duties);
// CN-ES holds less often but still for days. The rest clear within a day or two.
export const CORRIDOR_PROFILES: readonly CorridorProfile[] = [
  {
    definition: { code: 'CN-BR', origin: 'CN', destination: 'BR', lastMileCarriers: ['correios'], promisedDays: { premium: 14, standard: 20, economy: 32 } },
    weight: 24,
    gateways: [
      { country: 'BR', city: 'Curitiba', zone: 'America/Sao_Paulo', facility: 'CEINT CURITIBA' },
      { country: 'BR', city: 'São Paulo', zone: 'America/Sao_Paulo', facility: 'CEINT SAO PAULO' },
    ],
    transitHubs: [DOHA, DUBAI],
    deliveryCities: [
      { city: 'São Paulo', zone: 'America/Sao_Paulo', weight: 30 },
      { city: 'Rio de Janeiro', zone: 'America/Sao_Paulo', weight: 20 },
      { city: 'Belo Horizonte', zone: 'America/Sao_Paulo', weight: 12 },
      { city: 'Porto Alegre', zone: 'America/Sao_Paulo', weight: 10 },
      { city: 'Salvador', zone: 'America/Bahia', weight: 10 },
      { city: 'Recife', zone: 'America/Recife', weight: 10 },
      { city: 'Manaus', zone: 'America/Manaus', weight: 8 },
    ],
    customs: { holdRate: 0.35, holdDays: [3, 15], destroyedRate: 0.03 },
    flightHours: [22, 36],
  },
  {
    definition: { code: 'CN-US', origin: 'CN', destination: 'US', lastMileCarriers: ['usps'], promisedDays: { premium: 9, standard: 14, economy: 22 } },
    weight: 24,
    gateways: [
      { country: 'US', city: 'Los Angeles', zone: 'America/Los_Angeles', facility: 'ISC LOS ANGELES CA' },
      { country: 'US', city: 'New York', zone: 'America/New_York', facility: 'ISC NEW YORK NY' },
      { country: 'US', city: 'Chicago', zone: 'America/Chicago', facility: 'ISC CHICAGO IL' },
    ],
    transitHubs: [INCHEON],
    deliveryCities: [
      { city: 'New York', zone: 'America/New_York', weight: 20 },
      { city: 'Los Angeles', zone: 'America/Los_Angeles', weight: 18 },
      { city: 'Chicago', zone: 'America/Chicago', weight: 12 },
      { city: 'Houston', zone: 'America/Chicago', weight: 12 },
      { city: 'Phoenix', zone: 'America/Phoenix', weight: 8 },
      { city: 'Miami', zone: 'America/New_York', weight: 10 },
      { city: 'Seattle', zone: 'America/Los_Angeles', weight: 10 },
      { city: 'Denver', zone: 'America/Denver', weight: 10 },
    ],
    customs: { holdRate: 0.03, holdDays: [1, 3], destroyedRate: 0 },
    flightHours: [12, 16],
  },
  {
    definition: { code: 'CN-NL', origin: 'CN', destination: 'NL', lastMileCarriers: ['postnl', 'dhlparcel'], promisedDays: { premium: 10, standard: 15, economy: 24 } },
    weight: 10,
    gateways: [{ country: 'NL', city: 'Amsterdam', zone: 'Europe/Amsterdam', facility: 'Schiphol Airport' }],
    transitHubs: [LIEGE, DOHA],
    deliveryCities: [
      { city: 'Amsterdam', zone: 'Europe/Amsterdam', weight: 30 },
      { city: 'Rotterdam', zone: 'Europe/Amsterdam', weight: 25 },
      { city: 'Utrecht', zone: 'Europe/Amsterdam', weight: 20 },
      { city: 'Eindhoven', zone: 'Europe/Amsterdam', weight: 15 },
      { city: 'Groningen', zone: 'Europe/Amsterdam', weight: 10 },
    ],
    customs: { holdRate: 0.05, holdDays: [1, 4], destroyedRate: 0 },
    flightHours: [12, 16],
  },
  {
    definition: { code: 'CN-FR', origin: 'CN', destination: 'FR', lastMileCarriers: ['laposte'], promisedDays: { premium: 10, standard: 15, economy: 24 } },
    weight: 15,
    gateways: [{ country: 'FR', city: 'Roissy-en-France', zone: 'Europe/Paris', facility: 'Roissy Charles de Gaulle' }],
    transitHubs: [LIEGE, DOHA],
    deliveryCities: [
      { city: 'Paris', zone: 'Europe/Paris', weight: 35 },
      { city: 'Lyon', zone: 'Europe/Paris', weight: 15 },
      { city: 'Marseille', zone: 'Europe/Paris', weight: 15 },
      { city: 'Toulouse', zone: 'Europe/Paris', weight: 12 },
      { city: 'Lille', zone: 'Europe/Paris', weight: 12 },
      { city: 'Bordeaux', zone: 'Europe/Paris', weight: 11 },
    ],
    customs: { holdRate: 0.06, holdDays: [1, 4], destroyedRate: 0 },
    flightHours: [12, 16],
  },
  {
    definition: { code: 'CN-GB', origin: 'CN', destination: 'GB', lastMileCarriers: ['royalmail'], promisedDays: { premium: 10, standard: 15, economy: 24 } },
    weight: 12,
    gateways: [{ country: 'GB', city: 'London', zone: 'Europe/London', facility: 'Heathrow Worldwide Distribution Centre' }],
    transitHubs: [DUBAI],
    deliveryCities: [
      { city: 'London', zone: 'Europe/London', weight: 35 },
      { city: 'Manchester', zone: 'Europe/London', weight: 15 },
      { city: 'Birmingham', zone: 'Europe/London', weight: 15 },
      { city: 'Leeds', zone: 'Europe/London', weight: 12 },
      { city: 'Glasgow', zone: 'Europe/London', weight: 12 },
      { city: 'Bristol', zone: 'Europe/London', weight: 11 },
    ],
    customs: { holdRate: 0.05, holdDays: [1, 3], destroyedRate: 0 },
    flightHours: [12, 15],
  },
  {
    definition: { code: 'CN-ES', origin: 'CN', destination: 'ES', lastMileCarriers: ['correos'], promisedDays: { premium: 10, standard: 15, economy: 24 } },
    weight: 15,
    gateways: [{ country: 'ES', city: 'Madrid', zone: 'Europe/Madrid', facility: 'Aeropuerto Adolfo Suárez Madrid-Barajas' }],
    transitHubs: [LIEGE, DOHA],
    deliveryCities: [
      { city: 'Madrid', zone: 'Europe/Madrid', weight: 30 },
      { city: 'Barcelona', zone: 'Europe/Madrid', weight: 25 },
      { city: 'Valencia', zone: 'Europe/Madrid', weight: 15 },
      { city: 'Sevilla', zone: 'Europe/Madrid', weight: 12 },
      { city: 'Bilbao', zone: 'Europe/Madrid', weight: 10 },
      { city: 'Las Palmas de Gran Canaria', zone: 'Atlantic/Canary', weight: 8 },
    ],
    customs: { holdRate: 0.12, holdDays: [2, 7], destroyedRate: 0 },
    flightHours: [12, 16],
  },
];

// Premium in the Netherlands rides DHL Parcel; everything else uses the national post.
export function lastMileCarrierFor(corridor: CorridorProfile, serviceLevel: ServiceLevel): string {
  const carriers = corridor.definition.lastMileCarriers;
  return serviceLevel === 'premium' && carriers.length > 1 ? carriers[1] : carriers[0];
}
