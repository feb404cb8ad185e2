import countries from 'i18n-iso-countries';

/** ISO 3166-1: alpha-2 passes, alpha-3 is converted, anything else is null. */
export function toAlpha2(code: string): string | null {
  const upper = code.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return countries.isValid(upper) ? upper : null;
  if (/^[A-Z]{3}$/.test(upper)) return countries.alpha3ToAlpha2(upper) ?? null;
  return null;
}
