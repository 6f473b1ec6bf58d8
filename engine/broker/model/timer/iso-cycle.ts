import { isIsoZonedDateTime } from '../feel/date-time.ts';
import { addIsoDuration, isPositive, parseIsoDuration } from './iso-duration.ts';
import type { IsoDuration } from './iso-duration.ts';

/** A repeating ISO-8601 interval: `R5/PT10S`, `R/P1D`, `R3/2026-01-01T09:00:00+08:00/P1D`. */
export interface IsoCycle {
  /** Number of repetitions, or -1 for unbounded (`R/…`). */
  readonly repetitions: number;
  /** First due time (epoch ms) when the cycle names a start, else undefined (start = now + interval). */
  readonly start?: number;
  readonly interval: IsoDuration;
}

const CYCLE = /^R(\d*)\/(?:([^/]+)\/)?([^/]+)$/;

/** Parses an ISO-8601 repeating interval; undefined when the text is not one. */
export function parseIsoCycle(text: string): IsoCycle | undefined {
  const match = CYCLE.exec(text.trim());
  if (!match) return undefined;
  const [, count, start, period] = match;
  const interval = parseIsoDuration(period);
  if (!interval || !isPositive(interval)) return undefined;
  if (start !== undefined && !isIsoZonedDateTime(start)) return undefined;
  return {
    repetitions: count === '' ? -1 : Number(count),
    start: start === undefined ? undefined : Date.parse(start.replace(/\[.*\]$/, '')),
    interval,
  };
}

/** The first due time of a cycle started at `now`. */
export function firstDueDate(cycle: IsoCycle, now: number): number {
  return cycle.start ?? addIsoDuration(now, cycle.interval);
}

/** The cycle after one repetition fired at `dueDate`, or undefined when no repetitions remain. */
export function nextRepetition(cycle: IsoCycle, dueDate: number): { cycle: IsoCycle; dueDate: number } | undefined {
  if (cycle.repetitions === 0 || cycle.repetitions === 1) return undefined;
  const repetitions = cycle.repetitions < 0 ? -1 : cycle.repetitions - 1;
  return { cycle: { repetitions, interval: cycle.interval }, dueDate: addIsoDuration(dueDate, cycle.interval) };
}
