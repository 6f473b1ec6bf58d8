import { ForbiddenError } from '../../auth/errors.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Case } from '../../models/case.ts';
import type { Task } from '../../models/task.ts';
import { notFound } from '../../api/validate.ts';
import { summariseBpmn } from '../deployments/bpmn-summary.ts';
import { GRPC, grpcCode, grpcMessage } from '../zeebe-errors.ts';
import { assertCanAct } from '../worklist/task-access.ts';
import { loadTask, publishTask, recordTaskAction, type ApprovalDeps } from './approval-deps.ts';
import { BrokerFeatureMissingError, TaskConflictError } from './errors.ts';

/** Message name the process models catch for an applicant's withdrawal (撤回). */
export const WITHDRAW_MESSAGE = 'case-withdrawn';

/**
 * 退回: moves the case back to an earlier user task (or the applicant's intake step) with
 * ModifyProcessInstance: terminate this step's element instance, activate the target.
 */
export async function sendBack(d: ApprovalDeps, p: Principal, taskId: string, targetElementId: string, comment: string | null): Promise<Task> {
  const t = await loadTask(d, taskId);
  assertCanAct(p, t, 'send-back');
  const version = await d.models.ProcessVersion.findOne({ processDefinitionKey: t.processDefinitionKey }).lean();
  const userTasks = version?.xml ? (await summariseBpmn(version.xml)).flatMap((s) => s.steps).filter((s) => s.type === 'UserTask') : [];
  if (!userTasks.some((s) => s.id === targetElementId) || targetElementId === t.elementId) {
    const options = userTasks.filter((s) => s.id !== t.elementId).map((s) => `${s.id} (${s.name})`);
    throw new ProblemError(400, 'Invalid request', `body.targetElementId: ${targetElementId} is not an earlier user task of this process; choose one of ${options.join(', ') || 'none'}`, { field: 'body.targetElementId' });
  }
  try {
    await d.zeebe.modifyProcessInstance({
      processInstanceKey: t.processInstanceKey,
      activateInstructions: [{ elementId: targetElementId, ancestorElementInstanceKey: '-1', variableInstructions: [{ variables: { sentBackFrom: t.elementId, sentBackBy: p.username, sentBackComment: comment ?? '' }, scopeId: '' }] }],
      terminateInstructions: [{ elementInstanceKey: t.elementInstanceKey }],
    });
  } catch (err) {
    if (grpcCode(err) === GRPC.UNIMPLEMENTED) throw new BrokerFeatureMissingError('send-back (退回)', 'ModifyProcessInstance', grpcMessage(err));
    if (grpcCode(err) === GRPC.NOT_FOUND) throw new TaskConflictError(`the process instance of task ${taskId} no longer exists`);
    throw new ProblemError(502, 'Broker unavailable', grpcMessage(err));
  }
  await d.models.Task.updateOne({ _id: t._id }, { $set: { status: 'canceled', completedAt: new Date(), completedBy: p.username, decision: 'send-back', comment } });
  await recordTaskAction(d, t, p.username, 'task.sent-back', { targetElementId, comment });
  const u = (await d.models.Task.findById(t._id).lean())!;
  publishTask(d, u, 'task.canceled', { decision: 'send-back' });
  return u;
}

/** 撤回: the filer withdraws a running case; the model catches the message by case number. */
export async function withdraw(d: ApprovalDeps, p: Principal, caseId: string, reason: string | null): Promise<Case> {
  const c = /^[0-9a-f]{24}$/i.test(caseId) ? await d.models.Case.findById(caseId).lean() : null;
  if (!c) throw notFound('case', caseId);
  if (c.createdBy !== p.username && !hasRole(p, 'admin')) throw new ForbiddenError(`only ${c.createdBy}, who filed case ${c.caseNumber}, can withdraw it`);
  if (c.status !== 'running') throw new ProblemError(409, 'Conflict', `case ${c.caseNumber} is ${c.status}`);
  try {
    await d.zeebe.publishMessage({ name: WITHDRAW_MESSAGE, correlationKey: c.caseNumber, variables: { withdrawnBy: p.username, withdrawReason: reason ?? '' }, timeToLive: 0 });
  } catch (err) {
    if (grpcCode(err) === GRPC.UNIMPLEMENTED) throw new BrokerFeatureMissingError('withdrawal (撤回)', 'PublishMessage', grpcMessage(err));
    throw new ProblemError(502, 'Broker unavailable', grpcMessage(err));
  }
  await d.history.append(caseId, { kind: 'action', actor: p.username, action: 'case.withdraw-requested', payload: { reason, message: WITHDRAW_MESSAGE, correlationKey: c.caseNumber } });
  return (await d.models.Case.findById(caseId).lean())!;
}
