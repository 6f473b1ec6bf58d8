/**
 * A working-day calendar (法定工作日): Monday–Friday are working days, except configured public
 * holidays; configured make-up working days (调休上班, often a Saturday or Sunday) are working days.
 *
 * Time model: a working day counts all of its 24 hours, in the office's time zone (China: UTC+8,
 * no daylight saving). A deadline of "3 working days" starting Monday 10:00 is Thursday 10:00; a
 * deadline started on a holiday starts counting at the next working day's midnight. Elapsed time
 * is measured the same way, so "80 % of the allowed time" is exact and symmetric.
 */
import { DurationFormatError } from './errors.ts';

const DAY_MS = 86_400_000;

/** Holidays and make-up working days as YYYY-MM-DD in the calendar's time zone. */
export interface CalendarDays {
  holidays: readonly string[];
  workdays: readonly string[];
}

/** Working-day arithmetic over one {@link CalendarDays} set. */
export class WorkingCalendar {
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;

  /** @param utcOffsetMinutes offset of the office's time zone (China Standard Time: +480). */
  constructor(days: CalendarDays, private readonly utcOffsetMinutes = 480) {
    this.holidays = new Set(days.holidays);
    this.workdays = new Set(days.workdays);
  }

  /** YYYY-MM-DD of the local day containing the instant. */
  localDate(at: Date): string {
    return new Date(at.getTime() + this.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  }

  /** True when the local day containing the instant is a working day. */
  isWorkingDay(at: Date): boolean {
    const day = this.localDate(at);
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** Local midnight (as an instant) that starts the day containing `at`. */
  private dayStart(at: Date): number {
    const local = at.getTime() + this.utcOffsetMinutes * 60_000;
    return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - this.utcOffsetMinutes * 60_000;
  }

  /** The instant at which `workingMs` of working time have passed since `start`. */
  addWorkingTime(start: Date, workingMs: number): Date {
    if (workingMs < 0) throw new RangeError('workingMs must not be negative');
    let cursor = start.getTime();
    let left = workingMs;
    for (let guard = 0; guard < 20_000; guard++) {
      const dayEnd = this.dayStart(new Date(cursor)) + DAY_MS;
      if (this.isWorkingDay(new Date(cursor))) {
        const available = dayEnd - cursor;
        if (left <= available) return new Date(cursor + left);
        left -= available;
      }
      cursor = dayEnd;
    }
    throw new RangeError('deadline further than 50 years away');
  }

  /** Adds whole working days, keeping the time of day (see the class comment). */
  addWorkingDays(start: Date, days: number): Date {
    return this.addWorkingTime(start, days * DAY_MS);
  }

  /** Working time between two instants (0 when `to` is before `from`). */
  workingTimeBetween(from: Date, to: Date): number {
    let cursor = from.getTime();
    const end = to.getTime();
    let total = 0;
    for (let guard = 0; cursor < end && guard < 20_000; guard++) {
      const dayEnd = this.dayStart(new Date(cursor)) + DAY_MS;
      const sliceEnd = Math.min(dayEnd, end);
      if (this.isWorkingDay(new Date(cursor))) total += sliceEnd - cursor;
      cursor = sliceEnd;
    }
    return total;
  }
}

/** Parses P3D / PT4H / PT30M / P1DT2H into milliseconds of working time. */
export function parseWorkingDuration(input: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(input.trim());
  if (!m || input.trim() === 'P' || input.trim().endsWith('T') || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) {
    throw new DurationFormatError(input);
  }
  return Number(m[1] ?? 0) * DAY_MS + Number(m[2] ?? 0) * 3_600_000 + Number(m[3] ?? 0) * 60_000;
}
