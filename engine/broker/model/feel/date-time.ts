import type { FeelDateTime } from 'feelin';

const ISO_ZONED_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})(\[[A-Za-z0-9_+\-/]+\])?$/;

/**
 * Renders a FEEL date-time as an ISO-8601 offset date-time (`2023-03-02T15:35:00+02:00`).
 * A local date-time (no zone) is taken as UTC.
 */
export function dateTimeToIso(value: FeelDateTime): string {
  const zone = value.zone ?? 'UTC';
  try {
    return value.value.toZonedDateTime(zone).toString({ timeZoneName: 'never' });
  } catch {
    return value.value.toZonedDateTime('UTC').toString({ timeZoneName: 'never' });
  }
}

/**
 * True when the text is a zoned ISO-8601 date-time as Java's ZonedDateTime.parse accepts it
 * (offset or `Z` required, optional `[Region/City]`), e.g. `2023-03-02T15:35+02:00`.
 */
export function isIsoZonedDateTime(text: string): boolean {
  const match = ISO_ZONED_DATE_TIME.exec(text);
  if (!match) return false;
  const [, year, month, day, hour, minute, second] = match;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(Number(year), m)) return false;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? '0') > 59) return false;
  return true;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
