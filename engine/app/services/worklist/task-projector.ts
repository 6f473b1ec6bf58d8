import type { Logger } from '../../logger.ts';
import type { Models } from '../../models/index.ts';
import type { Task, TimeoutPolicy } from '../../models/task.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { SlaService } from '../sla/sla-service.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import { summariseBpmn, type StepSummary } from '../deployments/bpmn-summary.ts';
import { NO_OBSERVER, type RecordObserver } from '../../exporter/app-observer.ts';

/** The parts of an activated user-task job the projection reads. */
export interface UserTaskJob {
  key: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, string>;
  variables: Record<string, unknown>;
  deadline: string | number;
}

const POLICIES: TimeoutPolicy[] = ['none', 'remind', 'auto-approve', 'auto-reject'];

/** Reads a list header: a JSON array (Zeebe's encoding) or a comma-separated string. */
export function listHeader(raw: string | undefined): string[] {
  if (!raw) return [];
  const t = raw.trim();
  if (t.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(t);
      if (Array.isArray(v)) return v.map(String).filter((s) => s !== '');
    } catch {
      /* fall through to comma splitting */
    }
  }
  return t.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Projects user-task jobs into task documents, once per job key. */
export class TaskProjector {
  private readonly steps = new Map<string, Promise<StepSummary[]>>();

  constructor(
    private readonly models: Models,
    private readonly sla: SlaService,
    private readonly bus: EventBus,
    private readonly notifications: NotificationService,
    private readonly logger: Logger,
    private readonly observer: RecordObserver = NO_OBSERVER,
  ) {}

  /**
   * Inserts the task for a job, or only refreshes the job deadline when the job was seen before
   * (a re-activation after a timeout or a restart): never a second task for one job.
   * @returns the task and whether it was new.
   */
  async project(job: UserTaskJob, jobDeadline: Date): Promise<{ task: Task; created: boolean }> {
    const existing = await this.models.Task.findOneAndUpdate({ jobKey: job.key }, { $set: { jobDeadline } }, { returnDocument: 'after' }).lean();
    if (existing) return { task: existing, created: false };

    const h = job.customHeaders;
    const now = new Date();
    const caseIdVar = typeof job.variables.caseId === 'string' ? job.variables.caseId : null;
    const theCase = caseIdVar ? await this.models.Case.findById(caseIdVar).lean() : await this.models.Case.findOne({ processInstanceKey: job.processInstanceKey }).lean();
    const step = (await this.stepsOf(job.processDefinitionKey)).find((s) => s.id === job.elementId);
    const formKeyHeader = h['io.camunda.zeebe:formKey'] ?? null;
    let formId = step?.formId ?? null;
    if (formKeyHeader && !formId) formId = (await this.models.FormVersion.findOne({ formKey: formKeyHeader }).lean())?.formId ?? null;
    const policy = (POLICIES as string[]).includes(h.timeoutPolicy ?? '') ? (h.timeoutPolicy as TimeoutPolicy) : 'none';
    const priority = Number(h['io.camunda.zeebe:priority'] ?? h.priority ?? 50);
    const followUp = h['io.camunda.zeebe:followUpDate'] ? new Date(h['io.camunda.zeebe:followUpDate']) : null;
    const doc = {
      jobKey: job.key,
      caseId: theCase?._id ?? null,
      caseNumber: theCase?.caseNumber ?? (typeof job.variables.caseNumber === 'string' ? job.variables.caseNumber : ''),
      processInstanceKey: job.processInstanceKey,
      processDefinitionKey: job.processDefinitionKey,
      bpmnProcessId: job.bpmnProcessId,
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      name: step?.name ?? job.elementId,
      candidateGroups: listHeader(h['io.camunda.zeebe:candidateGroups']),
      candidateUsers: listHeader(h['io.camunda.zeebe:candidateUsers']),
      assignee: h['io.camunda.zeebe:assignee'] || null,
      owner: null,
      signers: [],
      formKey: formKeyHeader,
      formId,
      priority: Number.isFinite(priority) ? priority : 50,
      dueDate: this.sla.dueDate(now, h),
      followUpDate: followUp && !Number.isNaN(followUp.getTime()) ? followUp : null,
      createdAt: now,
      timeoutPolicy: policy,
      timeoutHandledAt: null,
      lastRemindedAt: null,
      slaState: 'ok' as const,
      variables: job.variables,
      headers: Object.fromEntries(Object.entries(h).filter(([k]) => !k.includes('.'))),
      status: 'open' as const,
      completedAt: null,
      completedBy: null,
      decision: null,
      comment: null,
      jobDeadline,
      pendingCompletion: null,
    };
    const res = await this.models.Task.updateOne({ jobKey: job.key }, { $setOnInsert: doc }, { upsert: true });
    const task = (await this.models.Task.findOne({ jobKey: job.key }).lean())!;
    const created = res.upsertedCount > 0;
    if (created) {
      // Also maintained from exported records with the embedded broker; with an external Zeebe this is the only source.
      if (task.caseId) await this.models.Case.updateOne({ _id: task.caseId, 'currentSteps.elementInstanceKey': { $ne: task.elementInstanceKey } }, { $push: { currentSteps: { elementId: task.elementId, name: task.name, elementInstanceKey: task.elementInstanceKey, since: now } } });
      const audience = task.assignee ? [task.assignee] : [...task.candidateGroups, ...task.candidateUsers];
      for (const to of audience) {
        await this.notifications.enqueue({ key: `task:${job.key}:${to}`, to, kind: 'task', caseId: task.caseId ? String(task.caseId) : null, taskId: String(task._id), message: `新待办：${task.name}（${task.caseNumber}）` });
      }
      this.bus.publish({ type: 'task.created', caseId: task.caseId ? String(task.caseId) : null, taskId: String(task._id), groups: task.candidateGroups, users: [...task.candidateUsers, ...(task.assignee ? [task.assignee] : [])], data: { name: task.name, caseNumber: task.caseNumber } });
      this.logger.debug({ jobKey: job.key, name: task.name }, 'task projected');
      await this.observer.observe(task.caseId ? String(task.caseId) : null, 'JOB.ACTIVATED', { jobKey: job.key, type: 'io.camunda.zeebe:userTask', elementId: job.elementId, elementInstanceKey: job.elementInstanceKey, customHeaders: job.customHeaders });
    }
    return { task, created };
  }

  private stepsOf(processDefinitionKey: string): Promise<StepSummary[]> {
    let p = this.steps.get(processDefinitionKey);
    if (!p) {
      p = (async () => {
        const v = await this.models.ProcessVersion.findOne({ processDefinitionKey }).lean();
        if (!v?.xml) return [];
        return (await summariseBpmn(v.xml)).flatMap((s) => s.steps);
      })().catch(() => []);
      this.steps.set(processDefinitionKey, p);
    }
    return p;
  }
}
