import { describe, expect, it } from 'vitest';
import { WorkingCalendar, parseWorkingDuration } from '../../engine/app/services/sla/working-calendar.ts';
import { slaState } from '../../engine/app/services/sla/sla-state.ts';

// National Day 2026 as configured for the test: 1–7 October off; Sunday 27 September and
// Saturday 10 October are make-up working days (调休上班). 1 October 2026 is a Thursday.
const calendar = new WorkingCalendar({
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
});
const local = (s: string) => new Date(`${s}+08:00`);

describe('working-day calendar', () => {
  it('should treat a public holiday on a weekday as a day off and a make-up Saturday as a working day', () => {
    expect(calendar.isWorkingDay(local('2026-10-02T12:00:00'))).toBe(false); // Friday, holiday
    expect(calendar.isWorkingDay(local('2026-10-10T12:00:00'))).toBe(true); // Saturday, make-up day
    expect(calendar.isWorkingDay(local('2026-10-11T12:00:00'))).toBe(false); // ordinary Sunday
    expect(calendar.isWorkingDay(local('2026-10-08T00:30:00'))).toBe(true); // Thursday just after midnight (UTC: the 7th)
  });

  it('should skip the National Day holiday and count the make-up Saturday when adding 3 working days', () => {
    // given a task opened on Wednesday 30 September at 10:00 (China time)
    const start = local('2026-09-30T10:00:00');
    // when three working days are allowed
    const due = calendar.addWorkingDays(start, 3);
    // then 14 h of the 30th + 8 Oct + 9 Oct + 10 h of Saturday 10 Oct (make-up day) are used
    expect(due.toISOString()).toBe(local('2026-10-10T10:00:00').toISOString());
  });

  it('should land on the following Monday when the make-up day is not configured', () => {
    const plain = new WorkingCalendar({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: [] });
    expect(plain.addWorkingDays(local('2026-09-30T10:00:00'), 3).toISOString()).toBe(local('2026-10-12T10:00:00').toISOString());
  });

  it('should count a make-up Sunday when a deadline starts on a Friday', () => {
    expect(calendar.addWorkingDays(local('2026-09-25T10:00:00'), 1).toISOString()).toBe(local('2026-09-27T10:00:00').toISOString());
  });

  it('should start counting at the next working midnight when a task opens during the holiday', () => {
    expect(calendar.addWorkingTime(local('2026-10-03T15:00:00'), parseWorkingDuration('PT4H')).toISOString()).toBe(
      local('2026-10-08T04:00:00').toISOString(),
    );
  });

  it('should measure elapsed working time without the holiday', () => {
    const h = calendar.workingTimeBetween(local('2026-09-30T10:00:00'), local('2026-10-08T06:00:00')) / 3_600_000;
    expect(h).toBe(14 + 6);
  });

  it('should show green during the holiday, yellow at 80 % of the working time and red when overdue', () => {
    const start = local('2026-09-30T10:00:00');
    const due = calendar.addWorkingDays(start, 3); // 72 working hours
    expect(slaState(calendar, start, due, local('2026-10-06T23:00:00'))).toBe('ok'); // only 14 h used
    expect(slaState(calendar, start, due, local('2026-10-09T12:00:00'))).toBe('ok'); // 50 h = 69 %
    expect(slaState(calendar, start, due, local('2026-10-09T20:00:00'))).toBe('yellow'); // 58 h = 80.6 %
    expect(slaState(calendar, start, due, local('2026-10-10T10:00:00'))).toBe('red');
  });

  it('should parse working durations and reject malformed ones naming the input', () => {
    expect(parseWorkingDuration('P1DT2H')).toBe(26 * 3_600_000);
    expect(parseWorkingDuration('PT30M')).toBe(1_800_000);
    expect(() => parseWorkingDuration('3 days')).toThrow(/"3 days" is not an ISO-8601 duration/);
    expect(() => parseWorkingDuration('P')).toThrow();
  });
});
