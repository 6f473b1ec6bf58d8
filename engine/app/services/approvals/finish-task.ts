import { ProblemError } from '../../http/problem.ts';
import type { Task } from '../../models/task.ts';
import { validateFormData } from '../forms/form-validator.ts';
import { GRPC, grpcCode, grpcMessage } from '../zeebe-errors.ts';
import { publishTask, recordTaskAction, type ApprovalDeps } from './approval-deps.ts';
import { TaskConflictError } from './errors.ts';

/** A decision on a task: approve, reject (驳回) or return to the filer for supplements (退回补正), with comment and form data. */
export interface TaskDecision {
  decision: 'approve' | 'reject' | 'supplement';
  comment: string | null;
  variables: Record<string, unknown>;
}

/** Validates form data against the task's form (approve only: rejecting needs no filled form). */
export async function assertFormValid(d: ApprovalDeps, t: Task, variables: Record<string, unknown>): Promise<void> {
  if (!t.formId) return;
  const form = await d.models.FormVersion.findOne({ formId: t.formId }).sort({ version: -1 }).lean();
  if (!form) return;
  const problems = validateFormData(form.schema, variables);
  if (problems.length > 0) {
    const errors = problems.map((p) => ({ field: `body.variables.${p.field}`, message: p.message }));
    throw new ProblemError(400, 'Invalid form data', `${errors[0]!.field}: ${errors[0]!.message}`, { field: errors[0]!.field, errors, type: 'https://streetflow.dev/problems/validation' });
  }
}

/** The variables a decision hands to the process (gateways read `approved` / `decision`). */
export function decisionVariables(t: Task, actor: string, dec: TaskDecision): Record<string, unknown> {
  return {
    ...dec.variables,
    decision: dec.decision,
    approved: dec.decision === 'approve',
    lastApprover: actor,
    lastComment: dec.comment ?? '',
    [`${t.elementId}_decision`]: dec.decision,
  };
}

/**
 * Completes the task and its job: the task is marked completed first (so two requests cannot
 * both complete it), then the job is completed; a failure reopens the task, a job the broker
 * no longer has cancels it. The decision, comment and form data before/after go into history.
 */
export async function finishTask(d: ApprovalDeps, t: Task, actor: string, dec: TaskDecision, action: string): Promise<Task> {
  const now = new Date();
  const claimed = await d.models.Task.updateOne(
    { _id: t._id, status: 'open' },
    { $set: { status: 'completed', completedAt: now, completedBy: actor, decision: dec.decision, comment: dec.comment, pendingCompletion: null } },
  );
  if (claimed.modifiedCount === 0) throw new TaskConflictError(`task ${String(t._id)} is no longer open`);
  const variables = decisionVariables(t, actor, dec);
  try {
    await d.zeebe.completeJob({ jobKey: t.jobKey, variables });
  } catch (err) {
    if (grpcCode(err) === GRPC.NOT_FOUND) {
      await d.models.Task.updateOne({ _id: t._id }, { $set: { status: 'canceled' } });
      await recordTaskAction(d, t, actor, 'task.complete-failed', { reason: 'job no longer exists (step canceled)', message: grpcMessage(err) });
      throw new TaskConflictError(`the step of task ${String(t._id)} no longer exists in the process (it was canceled or moved)`);
    }
    await d.models.Task.updateOne({ _id: t._id }, { $set: { status: 'open', completedAt: null, completedBy: null, decision: null, comment: null } });
    throw new ProblemError(502, 'Broker unavailable', `the task stays open: ${grpcMessage(err)}`);
  }
  if (t.caseId) await d.models.Case.updateOne({ _id: t.caseId }, { $pull: { currentSteps: { elementInstanceKey: t.elementInstanceKey } } });
  await recordTaskAction(d, t, actor, action, { decision: dec.decision, comment: dec.comment, before: t.variables, after: variables });
  const done = (await d.models.Task.findById(t._id).lean())!;
  publishTask(d, done, 'task.completed', { decision: dec.decision });
  return done;
}
