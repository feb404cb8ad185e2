import type { Random } from './random.util';

export type TrackingFormat =
  | { kind: 'cainiao' }
  | { kind: 'yunexpress' }
  | { kind: 's10'; prefixes: readonly string[]; country: string }
  | { kind: 'usps-impb' }
  | { kind: 'postnl-3s' }
  | { kind: 'colissimo' }
  | { kind: 'correos-es' }
  | { kind: 'dhl-parcel-nl' };

export const TRACKING_NUMBER_PATTERN = /^[A-Za-z0-9._-]{4,64}$/;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHANUMERIC = `${UPPER}0123456789`;

function digits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += String(random.int(0, 9));
  return out;
}

function characters(random: Random, alphabet: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i += 1) out += alphabet[random.int(0, alphabet.length - 1)];
  return out;
}

// UPU S10 check digit (weights 8 6 4 2 3 5 9 7); real postal systems reject numbers without it.
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(serial[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

export function generateTrackingNumber(format: TrackingFormat, random: Random): string {
  switch (format.kind) {
    case 'cainiao':
      return `LP00${digits(random, 10)}CN`;
    case 'yunexpress':
      return `YT${digits(random, 16)}`;
    case 's10': {
      const serial = digits(random, 8);
      return `${random.pick(format.prefixes)}${serial}${s10CheckDigit(serial)}${format.country}`;
    }
    case 'usps-impb':
      return `9400${random.pick(['1', '2'])}${digits(random, 17)}`;
    case 'postnl-3s':
      return `3S${characters(random, UPPER, 4)}${digits(random, 9)}`;
    case 'colissimo':
      return `6A${digits(random, 11)}`;
    case 'correos-es':
      return `PQ${characters(random, ALPHANUMERIC, 4)}${digits(random, 16)}${characters(random, UPPER, 1)}`;
    case 'dhl-parcel-nl':
      return `JVGL${digits(random, 20)}`;
  }
}

// Keeps tracking numbers unique across a feed and the live stream that continues it.
export class TrackingNumberRegistry {
  private readonly issued = new Set<string>();

  issue(format: TrackingFormat, random: Random): string {
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const candidate = generateTrackingNumber(format, random);
      if (!this.issued.has(candidate)) {
        this.issued.add(candidate);
        return candidate;
      }
    }
    throw new Error(`tracking number space exhausted for format ${format.kind}`);
  }

  get size(): number {
    return this.issued.size;
  }
}
