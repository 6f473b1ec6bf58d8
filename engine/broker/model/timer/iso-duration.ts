/**
 * An ISO-8601 duration as Zeebe's timers accept it: a period part (years, months, weeks, days)
 * and a time part (hours, minutes, seconds with fractions), e.g. `P1Y2M`, `P3D`, `PT15M`,
 * `P1DT12H`, `PT0.5S`.
 */
export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,9})?)S)?)?$/;

/** Parses an ISO-8601 duration; undefined when the text is not one. */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const match = DURATION.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  const int = (value: string | undefined): number => (value === undefined ? 0 : Number(value));
  return {
    years: int(years),
    months: int(months),
    weeks: int(weeks),
    days: int(days),
    hours: int(hours),
    minutes: int(minutes),
    seconds: seconds === undefined ? 0 : Number(seconds.replace(',', '.')),
  };
}

/**
 * Adds a duration to an instant: years and months as calendar months (clamped to the month's
 * last day, like java.time), weeks and days as calendar days, the rest as elapsed time — in UTC.
 */
export function addIsoDuration(epochMillis: number, duration: IsoDuration): number {
  const date = new Date(epochMillis);
  const totalMonths = date.getUTCMonth() + duration.years * 12 + duration.months;
  const year = date.getUTCFullYear() + Math.floor(totalMonths / 12);
  const month = ((totalMonths % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(date.getUTCDate(), lastDay),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
  const days = duration.weeks * 7 + duration.days;
  const elapsed = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return shifted + days * 86_400_000 + Math.round(elapsed);
}

/** True when the duration moves time forward (a zero duration would fire a cycle forever at once). */
export function isPositive(duration: IsoDuration): boolean {
  return Object.values(duration).some((value) => value > 0);
}
