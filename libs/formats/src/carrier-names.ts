const normalise = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Resolves a format's carrier name ("Correios", "USPS", "China Post") to a registered carrier code:
 * equal code or name after dropping case, spaces and punctuation. No fuzzy guessing: a wrong leg
 * link is worse than none.
 */
export function carrierResolver(carriers: { code: string; name: string }[]): (name: string) => string | null {
  const byKey = new Map<string, string>();
  for (const carrier of carriers) {
    byKey.set(normalise(carrier.code), carrier.code);
    if (!byKey.has(normalise(carrier.name))) byKey.set(normalise(carrier.name), carrier.code);
  }
  return (name: string) => (normalise(name) ? (byKey.get(normalise(name)) ?? null) : null);
}
