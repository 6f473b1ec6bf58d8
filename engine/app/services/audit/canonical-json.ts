/**
 * Canonical JSON: object keys sorted by code point, no whitespace, Dates as ISO strings,
 * bigints as decimal strings, undefined members dropped. Two equal values always give the
 * same bytes, which is what a hash chain needs.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value)) ?? 'null';
}

function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object') {
    const maybe = value as { toHexString?: () => string; toJSON?: () => unknown };
    if (typeof maybe.toHexString === 'function') return maybe.toHexString();
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'function') out[key] = normalise(v);
    }
    return out;
  }
  return value;
}
