import { describe, expect, it } from 'vitest';
import {
  addIsoDuration,
  checkStaticTimer,
  evaluateTimerCycle,
  evaluateTimerDate,
  evaluateTimerDuration,
  firstDueDate,
  nextRepetition,
  parseExpression,
  parseIsoCycle,
  parseIsoDuration,
} from '../../../engine/broker/model/index.ts';

const at = (iso: string): number => Date.parse(iso);

describe('ISO-8601 durations for timers (part 2 groundwork)', () => {
  it('should parse period and time parts', () => {
    expect(parseIsoDuration('PT15M')).toEqual({ years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 15, seconds: 0 });
    expect(parseIsoDuration('P1Y2M3DT4H5M6.5S')).toEqual({ years: 1, months: 2, weeks: 0, days: 3, hours: 4, minutes: 5, seconds: 6.5 });
    expect(parseIsoDuration('P2W')).toMatchObject({ weeks: 2 });
    for (const bad of ['P', 'PT', '15M', 'P1H', 'PT1D', 'P-1D', 'soon', '']) expect(parseIsoDuration(bad), bad).toBeUndefined();
  });

  it('should add months by the calendar and time by the clock', () => {
    expect(addIsoDuration(at('2026-01-31T09:00:00Z'), parseIsoDuration('P1M')!)).toBe(at('2026-02-28T09:00:00Z'));
    expect(addIsoDuration(at('2026-11-23T17:00:00Z'), parseIsoDuration('P5DT30M')!)).toBe(at('2026-11-28T17:30:00Z'));
    expect(addIsoDuration(at('2026-12-31T23:59:59Z'), parseIsoDuration('PT1S')!)).toBe(at('2027-01-01T00:00:00Z'));
  });
});

describe('ISO-8601 cycles for timers (part 2 groundwork)', () => {
  it('should parse bounded, unbounded and started cycles', () => {
    expect(parseIsoCycle('R3/PT10M')).toMatchObject({ repetitions: 3, start: undefined, interval: { minutes: 10 } });
    expect(parseIsoCycle('R/P1D')).toMatchObject({ repetitions: -1, interval: { days: 1 } });
    expect(parseIsoCycle('R2/2026-12-01T09:00:00+08:00/P1D')).toMatchObject({ repetitions: 2, start: at('2026-12-01T01:00:00Z') });
    for (const bad of ['PT10M', 'R3/PT0S', 'R3/tomorrow/P1D', 'R3/PT10M/extra/x', '0 0 9 * * MON']) {
      expect(parseIsoCycle(bad), bad).toBeUndefined();
    }
  });

  it('should count repetitions down until none remain', () => {
    // given a cycle of three repetitions every ten minutes
    const cycle = parseIsoCycle('R3/PT10M')!;
    const first = firstDueDate(cycle, at('2026-11-23T08:00:00Z'));
    expect(first).toBe(at('2026-11-23T08:10:00Z'));

    // when it fires repeatedly
    const second = nextRepetition(cycle, first)!;
    const third = nextRepetition(second.cycle, second.dueDate)!;

    // then it fires three times in all
    expect(second.dueDate).toBe(at('2026-11-23T08:20:00Z'));
    expect(third.dueDate).toBe(at('2026-11-23T08:30:00Z'));
    expect(nextRepetition(third.cycle, third.dueDate)).toBeUndefined();
    expect(nextRepetition(parseIsoCycle('R/PT1H')!, first)?.cycle.repetitions).toBe(-1);
  });
});

describe('evaluating timer expressions (part 2 groundwork)', () => {
  it('should evaluate static and FEEL durations, dates and cycles', () => {
    expect(evaluateTimerDuration(parseExpression('P3D'), {})).toMatchObject({ ok: true, value: { days: 3 } });
    expect(evaluateTimerDuration(parseExpression('=duration("PT" + string(minutes) + "M")'), { minutes: 30 })).toMatchObject({
      ok: true,
      value: { minutes: 30 },
    });
    expect(evaluateTimerDuration(parseExpression('=dueDuration'), { dueDuration: 'P5D' })).toMatchObject({ ok: true, value: { days: 5 } });
    expect(evaluateTimerDate(parseExpression('=date and time(deadline)'), { deadline: '2026-12-01T17:00:00@Asia/Shanghai' })).toEqual({
      ok: true,
      value: at('2026-12-01T09:00:00Z'),
    });
    expect(evaluateTimerCycle(parseExpression('=cycle(3, duration("PT1H"))'), {})).toMatchObject({
      ok: true,
      value: { repetitions: 3, interval: { hours: 1 } },
    });
  });

  it('should fail with the value and the expression when a timer value is malformed', () => {
    expect(evaluateTimerDuration(parseExpression('=limit'), { limit: '5 days' })).toEqual({
      ok: false,
      message: "Invalid duration format '5 days' for expression 'limit'.",
    });
    expect(evaluateTimerDate(parseExpression('=deadline'), {})).toEqual({
      ok: false,
      message:
        "Expected result of the expression 'deadline' to be one of '[DATE_TIME, STRING]', but was 'NULL'. The evaluation reported the following warnings:\n" +
        "[NO_VARIABLE_FOUND] No variable found with name 'deadline'",
    });
    expect(evaluateTimerCycle(parseExpression('R3/PT0S'), {})).toEqual({
      ok: false,
      message: "Invalid cycle format 'R3/PT0S' for expression 'R3/PT0S'.",
    });
  });

  it('should check static timer values at deploy', () => {
    expect(checkStaticTimer('timeDuration', 'PT15M')).toBeUndefined();
    expect(checkStaticTimer('timeDuration', '15 minutes')).toBe(
      "Expected static value to be an ISO-8601 duration, e.g. 'PT15M', but found '15 minutes'.",
    );
    expect(checkStaticTimer('timeDate', '2026-12-01T09:00:00Z')).toBeUndefined();
    expect(checkStaticTimer('timeCycle', 'R/P1D')).toBeUndefined();
    expect(checkStaticTimer('timeCycle', 'every day')).toMatch(/^Expected static value to be an ISO-8601 repeating interval/);
  });
});
