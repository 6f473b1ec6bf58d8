import { ForbiddenError } from '../../auth/errors.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Task } from '../../models/task.ts';
import { assertCanAct, assertOpen, isCandidate } from '../worklist/task-access.ts';
import { loadTask, publishTask, recordTaskAction, type ApprovalDeps } from './approval-deps.ts';
import { TaskConflictError } from './errors.ts';

async function reload(d: ApprovalDeps, t: Task): Promise<Task> {
  return (await d.models.Task.findById(t._id).lean())!;
}

/** The user a task is handed to must exist, be active and be an agent. */
async function assertAgent(d: ApprovalDeps, username: string, field: string): Promise<void> {
  const u = await d.models.User.findOne({ username }).lean();
  if (!u || !u.active) throw new ProblemError(400, 'Invalid request', `${field}: user ${username} does not exist`, { field });
  if (!u.roles.includes('agent') && !u.roles.includes('admin')) throw new ProblemError(400, 'Invalid request', `${field}: ${username} is not an agent and cannot work tasks`, { field });
}

/** Claims an unassigned task offered to the caller. */
export async function claim(d: ApprovalDeps, p: Principal, taskId: string): Promise<Task> {
  const t = await loadTask(d, taskId);
  assertOpen(t);
  if (!hasRole(p, 'agent')) throw new ForbiddenError('claiming needs role agent');
  if (t.assignee === p.username) return t;
  if (t.assignee) throw new TaskConflictError(`task ${taskId} is already claimed by ${t.assignee}`);
  if (!isCandidate(p, t) && !hasRole(p, 'admin')) throw new ForbiddenError(`task ${taskId} is not offered to you`);
  const r = await d.models.Task.updateOne({ _id: t._id, status: 'open', assignee: null }, { $set: { assignee: p.username } });
  if (r.modifiedCount === 0) throw new TaskConflictError(`task ${taskId} was claimed by someone else`);
  await recordTaskAction(d, t, p.username, 'task.claimed', {});
  const u = await reload(d, t);
  publishTask(d, u, 'task.updated');
  return u;
}

/** Gives a claimed task back to its candidates. */
export async function unclaim(d: ApprovalDeps, p: Principal, taskId: string): Promise<Task> {
  const t = await loadTask(d, taskId);
  assertOpen(t);
  if (t.assignee !== p.username && !hasRole(p, 'admin')) throw new ForbiddenError(`task ${taskId} is not claimed by you`);
  if (t.owner) throw new TaskConflictError(`task ${taskId} is delegated: resolve it instead`);
  await d.models.Task.updateOne({ _id: t._id, status: 'open' }, { $set: { assignee: null } });
  await recordTaskAction(d, t, p.username, 'task.unclaimed', {});
  const u = await reload(d, t);
  publishTask(d, u, 'task.updated');
  return u;
}

/** 转办: hands the task over for good; the new assignee decides. */
export async function transfer(d: ApprovalDeps, p: Principal, taskId: string, to: string, comment: string | null): Promise<Task> {
  const t = await loadTask(d, taskId);
  assertCanAct(p, t, 'transfer');
  if (to === p.username) throw new ProblemError(400, 'Invalid request', 'body.to: cannot transfer a task to yourself', { field: 'body.to' });
  await assertAgent(d, to, 'body.to');
  await d.models.Task.updateOne({ _id: t._id, status: 'open' }, { $set: { assignee: to, owner: null } });
  await recordTaskAction(d, t, p.username, 'task.transferred', { from: t.assignee ?? p.username, to, comment });
  await d.notifications.enqueue({ key: `transfer:${taskId}:${to}:${Date.now()}`, to, kind: 'task', caseId: t.caseId ? String(t.caseId) : null, taskId, message: `${p.displayName} 将待办「${t.name}」转办给您` });
  const u = await reload(d, t);
  publishTask(d, u, 'task.updated');
  return u;
}

/** 委派: someone else works the task and returns it (resolve); the caller stays the owner. */
export async function delegate(d: ApprovalDeps, p: Principal, taskId: string, to: string, comment: string | null): Promise<Task> {
  const t = await loadTask(d, taskId);
  assertCanAct(p, t, 'delegate');
  if (t.owner) throw new TaskConflictError(`task ${taskId} is already delegated by ${t.owner}`);
  if (to === p.username) throw new ProblemError(400, 'Invalid request', 'body.to: cannot delegate a task to yourself', { field: 'body.to' });
  await assertAgent(d, to, 'body.to');
  await d.models.Task.updateOne({ _id: t._id, status: 'open' }, { $set: { owner: p.username, assignee: to } });
  await recordTaskAction(d, t, p.username, 'task.delegated', { owner: p.username, to, comment });
  await d.notifications.enqueue({ key: `delegate:${taskId}:${to}:${Date.now()}`, to, kind: 'task', caseId: t.caseId ? String(t.caseId) : null, taskId, message: `${p.displayName} 委派您处理「${t.name}」，处理后请交回` });
  const u = await reload(d, t);
  publishTask(d, u, 'task.updated');
  return u;
}

/** The delegate returns a delegated task to its owner, with a comment. */
export async function resolve(d: ApprovalDeps, p: Principal, taskId: string, comment: string | null): Promise<Task> {
  const t = await loadTask(d, taskId);
  assertOpen(t);
  if (!t.owner) throw new TaskConflictError(`task ${taskId} is not delegated`);
  if (t.assignee !== p.username) throw new ForbiddenError(`task ${taskId} is delegated to ${t.assignee ?? 'nobody'}, not to you`);
  await d.models.Task.updateOne({ _id: t._id, status: 'open' }, { $set: { assignee: t.owner, owner: null } });
  await recordTaskAction(d, t, p.username, 'task.delegation-resolved', { returnedTo: t.owner, comment });
  await d.notifications.enqueue({ key: `resolve:${taskId}:${Date.now()}`, to: t.owner, kind: 'task', caseId: t.caseId ? String(t.caseId) : null, taskId, message: `${p.displayName} 已处理委派的「${t.name}」并交回` });
  const u = await reload(d, t);
  publishTask(d, u, 'task.updated');
  return u;
}

/** 加签: adds a signer before (they sign first) or after (they sign after the decision). */
export async function addSigner(d: ApprovalDeps, p: Principal, taskId: string, username: string, position: 'before' | 'after', comment: string | null): Promise<Task> {
  const t = await loadTask(d, taskId);
  assertCanAct(p, t, 'add-signer');
  if (t.pendingCompletion) throw new TaskConflictError('the decision was already taken');
  if (username === p.username) throw new ProblemError(400, 'Invalid request', 'body.username: cannot add yourself as a signer', { field: 'body.username' });
  await assertAgent(d, username, 'body.username');
  if (t.signers.some((s) => s.username === username && s.status === 'pending')) throw new TaskConflictError(`${username} is already a pending signer`);
  const signer = { username, position, status: 'pending' as const, addedBy: p.username, comment: comment ?? '', signedAt: null };
  await d.models.Task.updateOne({ _id: t._id, status: 'open' }, { $set: { assignee: t.assignee ?? p.username }, $push: { signers: signer } });
  await recordTaskAction(d, t, p.username, 'task.signer-added', { username, position, comment });
  await d.notifications.enqueue({ key: `signer:${taskId}:${username}:${position}`, to: username, kind: 'task', caseId: t.caseId ? String(t.caseId) : null, taskId, message: `${p.displayName} 请您${position === 'before' ? '先行' : '随后'}会签「${t.name}」` });
  const u = await reload(d, t);
  publishTask(d, u, 'task.updated');
  return u;
}
