import type { Logger } from '../logger.ts';
import type { Models } from '../models/index.ts';
import type { EventBus } from '../services/events/event-bus.ts';
import { GRPC, grpcCode } from '../services/zeebe-errors.ts';
import type { JobTimeoutClient } from './job-timeout-client.ts';
import type { WorkerOptions } from './worker-options.ts';

/**
 * Keeps the jobs of open tasks activated (UpdateJobTimeout) so no other worker gets them while
 * a person works the task. A job the broker no longer knows means its step was canceled
 * (withdrawal, send-back, process canceled): the task is closed as canceled.
 */
export class JobKeepAlive {
  private timer: NodeJS.Timeout | undefined;
  private unsupported = false;

  constructor(
    private readonly models: Models,
    private readonly client: JobTimeoutClient,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly opts: WorkerOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick().catch((err: unknown) => this.logger.error({ err }, 'keep-alive failed')), this.opts.keepAliveIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Extends every open task's job whose deadline falls within two intervals. */
  async tick(now = Date.now()): Promise<{ extended: number; canceled: number }> {
    if (this.unsupported) return { extended: 0, canceled: 0 };
    const soon = new Date(now + 2 * this.opts.keepAliveIntervalMs);
    const tasks = await this.models.Task.find({ status: 'open', $or: [{ jobDeadline: null }, { jobDeadline: { $lt: soon } }] }).lean();
    let extended = 0;
    let canceled = 0;
    for (const t of tasks) {
      try {
        await this.client.updateJobTimeout(t.jobKey, this.opts.userTaskJobTimeoutMs);
        await this.models.Task.updateOne({ _id: t._id }, { $set: { jobDeadline: new Date(Date.now() + this.opts.userTaskJobTimeoutMs) } });
        extended++;
      } catch (err) {
        const code = grpcCode(err);
        if (code === GRPC.UNIMPLEMENTED) {
          this.unsupported = true;
          this.logger.warn('the broker does not implement UpdateJobTimeout; user-task jobs rely on their long activation timeout');
          break;
        }
        if (code === GRPC.NOT_FOUND) {
          await this.models.Task.updateOne({ _id: t._id, status: 'open' }, { $set: { status: 'canceled', completedAt: new Date() } });
          this.bus.publish({ type: 'task.canceled', caseId: t.caseId ? String(t.caseId) : null, taskId: String(t._id), groups: t.candidateGroups, users: t.assignee ? [t.assignee] : [], data: { reason: 'job gone' } });
          canceled++;
        } else {
          this.logger.warn({ err, jobKey: t.jobKey }, 'could not extend job timeout');
        }
      }
    }
    return { extended, canceled };
  }
}
