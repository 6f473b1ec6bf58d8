import type { Logger } from '../../logger.ts';
import type { Models } from '../../models/index.ts';
import type { Task } from '../../models/task.ts';
import { slaState, type SlaState } from './sla-state.ts';
import { WorkingCalendar, parseWorkingDuration } from './working-calendar.ts';
import { DurationFormatError } from './errors.ts';

/** Holds the office calendar and computes due dates and cards. */
export class SlaService {
  private calendar = new WorkingCalendar({ holidays: [], workdays: [] });

  constructor(private readonly models: Models, private readonly logger: Logger) {}

  /** Reloads holidays and make-up working days from the database. */
  async reload(): Promise<void> {
    const doc = await this.models.Calendar.findById('default').lean();
    this.calendar = new WorkingCalendar({ holidays: doc?.holidays ?? [], workdays: doc?.workdays ?? [] });
  }

  get workingCalendar(): WorkingCalendar {
    return this.calendar;
  }

  /**
   * Due date of a new task: the model's absolute due date (zeebe:taskSchedule) if set, else the
   * `deadline` task header as a working-day duration (P3D) from `start`; null when neither.
   */
  dueDate(start: Date, headers: Record<string, string>): Date | null {
    const absolute = headers['io.camunda.zeebe:dueDate'];
    if (absolute) {
      const d = new Date(absolute);
      if (!Number.isNaN(d.getTime())) return d;
    }
    const duration = headers.deadline;
    if (!duration) return null;
    try {
      return this.calendar.addWorkingTime(start, parseWorkingDuration(duration));
    } catch (err) {
      if (err instanceof DurationFormatError) {
        this.logger.warn({ duration }, `task header deadline: ${err.message}; no due date set`);
        return null;
      }
      throw err;
    }
  }

  /** Card of a task now. */
  stateOf(t: Pick<Task, 'createdAt' | 'dueDate' | 'status'>, now = new Date()): SlaState {
    if (!t.dueDate || t.status !== 'open') return 'ok';
    return slaState(this.calendar, new Date(t.createdAt), new Date(t.dueDate), now);
  }
}
