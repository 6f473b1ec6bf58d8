import { ForbiddenError } from '../../auth/errors.ts';
import { groupsOf, hasRole, type Principal } from '../../auth/principal.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Task } from '../../models/task.ts';

/** True when the task is offered to the principal through a candidate group or user. */
export function isCandidate(p: Principal, t: Pick<Task, 'candidateGroups' | 'candidateUsers'>): boolean {
  const groups = groupsOf(p);
  return t.candidateUsers.includes(p.username) || t.candidateGroups.some((g) => groups.includes(g));
}

/** A signer added before the assignee who has not signed yet, if any: they act first. */
export function pendingBeforeSigner(t: Pick<Task, 'signers'>): string | null {
  return t.signers.find((s) => s.position === 'before' && s.status === 'pending')?.username ?? null;
}

/** Who holds the task right now: a pending before-signer; after the assignee decided, a pending after-signer; else the assignee. */
export function currentHolder(t: Pick<Task, 'signers' | 'assignee' | 'pendingCompletion'>): string | null {
  if (t.pendingCompletion) return t.signers.find((s) => s.position === 'after' && s.status === 'pending')?.username ?? null;
  return pendingBeforeSigner(t) ?? t.assignee;
}

/** Who may see a task: auditors, process owners, admins; its candidates, assignee, owner and signers. */
export function canSeeTask(p: Principal, t: Task): boolean {
  return (
    hasRole(p, 'auditor', 'process-owner') ||
    isCandidate(p, t) ||
    t.assignee === p.username ||
    t.owner === p.username ||
    t.completedBy === p.username ||
    t.signers.some((s) => s.username === p.username)
  );
}

/** The task must still be open. */
export function assertOpen(t: Task): void {
  if (t.status !== 'open') throw new ProblemError(409, 'Conflict', `task ${String(t._id)} is ${t.status}`);
}

/**
 * Only agents act on tasks (auditors read only); the actor must hold the task, or be a
 * candidate of an unclaimed one (who then claims it implicitly).
 */
export function assertCanAct(p: Principal, t: Task, what: string): void {
  if (!hasRole(p, 'agent')) throw new ForbiddenError(`${what} needs role agent; you have ${p.roles.join(', ')}`);
  assertOpen(t);
  const holder = currentHolder(t);
  if (holder === p.username) return;
  if (holder === null && isCandidate(p, t)) return;
  throw new ForbiddenError(holder ? `task ${String(t._id)} is held by ${holder}` : `task ${String(t._id)} is not offered to you (candidates: ${[...t.candidateGroups, ...t.candidateUsers].join(', ') || 'none'})`);
}
