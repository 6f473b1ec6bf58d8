import type { Task } from '../../models/task.ts';
import { publishTask, recordTaskAction, type ApprovalDeps } from '../approvals/approval-deps.ts';
import { finishTask } from '../approvals/finish-task.ts';

/** The actor recorded when a timeout policy acts. */
export const POLICY_ACTOR = 'system:timeout-policy';

/**
 * Periodically refreshes yellow/red cards of open tasks and cases and applies each overdue
 * task's timeout policy once: remind (notify the holder/candidates), auto-approve or
 * auto-reject (complete the job, recorded as done by the policy).
 */
export class TimeoutSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly d: ApprovalDeps, private readonly intervalMs: number) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().catch((err: unknown) => this.d.logger.error({ err }, 'timeout sweep failed')).finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns what it did (for tests and logs). */
  async sweep(now = new Date()): Promise<{ cardsChanged: number; policiesApplied: number }> {
    const open = await this.d.models.Task.find({ status: 'open', dueDate: { $ne: null } }).lean();
    let cardsChanged = 0;
    let policiesApplied = 0;
    const worstByCase = new Map<string, 'ok' | 'yellow' | 'red'>();
    for (const t of open) {
      const state = this.d.sla.stateOf(t, now);
      if (t.caseId) {
        const k = String(t.caseId);
        const prev = worstByCase.get(k) ?? 'ok';
        worstByCase.set(k, rank(state) > rank(prev) ? state : prev);
      }
      if (state !== t.slaState) {
        await this.d.models.Task.updateOne({ _id: t._id }, { $set: { slaState: state } });
        publishTask(this.d, { ...t, slaState: state }, 'task.updated', { slaState: state });
        cardsChanged++;
      }
      if (state === 'red' && t.timeoutPolicy !== 'none' && !t.timeoutHandledAt) {
        await this.applyPolicy(t, now);
        policiesApplied++;
      }
    }
    for (const [caseId, state] of worstByCase) await this.d.models.Case.updateOne({ _id: caseId }, { $set: { slaState: state } });
    return { cardsChanged, policiesApplied };
  }

  private async applyPolicy(t: Task, now: Date): Promise<void> {
    const mark = await this.d.models.Task.updateOne({ _id: t._id, timeoutHandledAt: null }, { $set: { timeoutHandledAt: now } });
    if (mark.modifiedCount === 0) return;
    if (t.timeoutPolicy === 'remind') {
      const to = t.assignee ? [t.assignee] : [...t.candidateGroups, ...t.candidateUsers];
      for (const u of to) await this.d.notifications.enqueue({ key: `remind:${t.jobKey}:${u}`, to: u, kind: 'remind', caseId: t.caseId ? String(t.caseId) : null, taskId: String(t._id), message: `已超期（红牌）：${t.caseNumber}「${t.name}」` });
      await recordTaskAction(this.d, t, POLICY_ACTOR, 'task.timeout-reminded', { dueDate: t.dueDate, notified: to });
      return;
    }
    const decision = t.timeoutPolicy === 'auto-approve' ? 'approve' : 'reject';
    try {
      await finishTask(this.d, t, POLICY_ACTOR, { decision, comment: `超期自动${decision === 'approve' ? '通过' : '驳回'}`, variables: {} }, decision === 'approve' ? 'task.auto-approved' : 'task.auto-rejected');
    } catch (err) {
      this.d.logger.warn({ err, taskId: String(t._id) }, 'timeout policy could not complete the task');
    }
  }
}

function rank(s: 'ok' | 'yellow' | 'red'): number {
  return s === 'red' ? 2 : s === 'yellow' ? 1 : 0;
}
