import type { WorkingCalendar } from './working-calendar.ts';

/** ok (green), yellow card at 80 % of the allowed working time, red card once overdue. */
export type SlaState = 'ok' | 'yellow' | 'red';

/** Share of the allowed time after which a task shows a yellow card. */
export const YELLOW_AT = 0.8;

/** The card of a task started at `start`, due at `due`, seen at `now`, on the working calendar. */
export function slaState(calendar: WorkingCalendar, start: Date, due: Date, now: Date): SlaState {
  if (now.getTime() >= due.getTime()) return 'red';
  const allowed = calendar.workingTimeBetween(start, due);
  if (allowed <= 0) return 'red';
  const used = calendar.workingTimeBetween(start, now);
  return used / allowed >= YELLOW_AT ? 'yellow' : 'ok';
}
