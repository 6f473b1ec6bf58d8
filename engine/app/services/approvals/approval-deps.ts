import type { ZBClient } from 'zeebe-node';
import type { Logger } from '../../logger.ts';
import type { Models } from '../../models/index.ts';
import type { Task } from '../../models/task.ts';
import type { HistoryService } from '../audit/history-service.ts';
import type { EventBus, LiveEvent } from '../events/event-bus.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { SlaService } from '../sla/sla-service.ts';
import { notFound } from '../../api/validate.ts';

/** What every approval operation needs. */
export interface ApprovalDeps {
  models: Models;
  zeebe: ZBClient;
  history: HistoryService;
  bus: EventBus;
  notifications: NotificationService;
  sla: SlaService;
  logger: Logger;
}

/** Loads a task or answers 404. */
export async function loadTask(d: ApprovalDeps, id: string): Promise<Task> {
  const t = /^[0-9a-f]{24}$/i.test(id) ? await d.models.Task.findById(id).lean() : null;
  if (!t) throw notFound('task', id);
  return t;
}

/** Appends a human (or policy) action on a task to its case history. */
export async function recordTaskAction(d: ApprovalDeps, t: Task, actor: string, action: string, payload: Record<string, unknown>): Promise<void> {
  if (!t.caseId) return;
  await d.history.append(String(t.caseId), {
    kind: 'action',
    actor,
    action,
    payload: { taskId: String(t._id), jobKey: t.jobKey, elementId: t.elementId, taskName: t.name, ...payload },
  });
}

/** Tells open worklists that a task changed. */
export function publishTask(d: ApprovalDeps, t: Task, type: LiveEvent['type'], data: Record<string, unknown> = {}): void {
  const users = [t.assignee, t.owner, ...t.candidateUsers, ...t.signers.map((s) => s.username)].filter((u): u is string => !!u);
  d.bus.publish({ type, caseId: t.caseId ? String(t.caseId) : null, taskId: String(t._id), groups: t.candidateGroups, users, data: { name: t.name, caseNumber: t.caseNumber, ...data } });
}
