import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';

countries.registerLocale(english);

/** ISO 3166-1: alpha-2 passes, alpha-3 is converted, anything else is null. */
export function toAlpha2(code: string): string | null {
  const upper = code.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return countries.isValid(upper) ? upper : null;
  if (/^[A-Z]{3}$/.test(upper)) return countries.alpha3ToAlpha2(upper) ?? null;
  return null;
}

/*
 * Names carriers send that i18n-iso-countries' English names do not list (Cainiao writes
 * "Mainland China" and "<region>, China"; ISO's own long forms for some others). Keys are
 * normalised as by normaliseName.
 */
const COUNTRY_NAME_ALIASES: Readonly<Record<string, string>> = {
  'mainland china': 'CN',
  'china mainland': 'CN',
  "people's republic of china": 'CN',
  'hong kong, china': 'HK',
  'hong kong sar': 'HK',
  'hong kong sar, china': 'HK',
  'macao, china': 'MO',
  'macau, china': 'MO',
  'macau': 'MO',
  'taiwan, china': 'TW',
  'viet nam': 'VN',
  'iran, islamic republic of': 'IR',
  'korea, republic of': 'KR',
  'republic of korea': 'KR',
  'russian federation': 'RU',
  'russia, russian federation': 'RU',
  'united states of america': 'US',
  'great britain': 'GB',
  'uk': 'GB',
};

const normaliseName = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A country as carriers write it: an ISO alpha-2 or alpha-3 code, or an English name or common
 * variant ("Mainland China", "Korea, Republic of"), resolved to alpha-2; null when nothing matches.
 */
export function resolveCountry(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (/^[A-Za-z]{2,3}$/.test(trimmed)) {
    const code = toAlpha2(trimmed);
    if (code) return code;
  }
  const alias = COUNTRY_NAME_ALIASES[normaliseName(trimmed)];
  if (alias) return alias;
  return countries.getAlpha2Code(trimmed.replace(/\s+/g, ' '), 'en') ?? null;
}
