import { FeelDateTime, FeelDuration } from 'feelin';
import { dateTimeToIso, isIsoZonedDateTime } from '../feel/date-time.ts';
import { evaluateRaw, failureWithWarnings, typeMismatch } from '../feel/evaluate.ts';
import type { EvaluationResult, Expression, Variables } from '../types.ts';
import { parseIsoCycle } from './iso-cycle.ts';
import type { IsoCycle } from './iso-cycle.ts';
import { parseIsoDuration } from './iso-duration.ts';
import type { IsoDuration } from './iso-duration.ts';

/** Evaluates a `timeDuration` (static ISO text, FEEL duration, or FEEL string). */
export function evaluateTimerDuration(expression: Expression, variables: Variables): EvaluationResult<IsoDuration> {
  const raw = evaluateRaw(expression, variables);
  if (!raw.ok) return raw;
  const value = raw.value.value;
  const text = value instanceof FeelDuration ? String(value) : value;
  if (typeof text !== 'string') return { ok: false, message: typeMismatch(raw.value, ['DURATION', 'PERIOD', 'STRING']) };
  const duration = parseIsoDuration(text);
  if (duration) return { ok: true, value: duration };
  return {
    ok: false,
    message: failureWithWarnings(raw.value, `Invalid duration format '${text}' for expression '${raw.value.expression}'.`),
  };
}

/** Evaluates a `timeDate` to epoch milliseconds (static ISO text, FEEL date and time, or FEEL string). */
export function evaluateTimerDate(expression: Expression, variables: Variables): EvaluationResult<number> {
  const raw = evaluateRaw(expression, variables);
  if (!raw.ok) return raw;
  const value = raw.value.value;
  const text = value instanceof FeelDateTime ? dateTimeToIso(value) : value;
  if (typeof text !== 'string') return { ok: false, message: typeMismatch(raw.value, ['DATE_TIME', 'STRING']) };
  if (isIsoZonedDateTime(text)) return { ok: true, value: Date.parse(text.replace(/\[.*\]$/, '')) };
  return {
    ok: false,
    message: failureWithWarnings(raw.value, `Invalid date-time format '${text}' for expression '${raw.value.expression}'.`),
  };
}

/** Evaluates a `timeCycle` (`R5/PT10S`, `R/P1D`, with an optional start date). Cron cycles are not supported. */
export function evaluateTimerCycle(expression: Expression, variables: Variables): EvaluationResult<IsoCycle> {
  const raw = evaluateRaw(expression, variables);
  if (!raw.ok) return raw;
  const text = raw.value.value;
  if (typeof text !== 'string') return { ok: false, message: typeMismatch(raw.value, 'STRING') };
  const cycle = parseIsoCycle(text);
  if (cycle) return { ok: true, value: cycle };
  return {
    ok: false,
    message: failureWithWarnings(raw.value, `Invalid cycle format '${text}' for expression '${raw.value.expression}'.`),
  };
}

/** Deploy-time check of a static timer value; undefined when valid (FEEL is checked at runtime). */
export function checkStaticTimer(kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string): string | undefined {
  const valid =
    kind === 'timeDuration'
      ? parseIsoDuration(value) !== undefined
      : kind === 'timeDate'
        ? isIsoZonedDateTime(value)
        : parseIsoCycle(value) !== undefined;
  if (valid) return undefined;
  const what = kind === 'timeDuration' ? 'an ISO-8601 duration, e.g. \'PT15M\'' : kind === 'timeDate' ? "an ISO-8601 date-time, e.g. '2026-03-02T15:35:00+08:00'" : "an ISO-8601 repeating interval, e.g. 'R3/PT10M'";
  return `Expected static value to be ${what}, but found '${value}'.`;
}
