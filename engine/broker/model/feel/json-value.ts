import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { dateTimeToIso } from './date-time.ts';

/**
 * Converts a feelin result into a JSON-compatible value as Zeebe stores variables:
 * date-times become ISO-8601 strings, other temporals and durations their ISO text,
 * bigints numbers, functions and ranges null; contexts and lists are converted deeply.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'function') return null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof FeelDateTime) return dateTimeToIso(value);
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDuration) return String(value);
  if (typeof value === 'object') {
    if (value.constructor !== Object && value.constructor !== undefined) return null;
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) result[key] = toJsonValue(entry);
    return result;
  }
  return null;
}
