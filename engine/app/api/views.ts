import type { Case } from '../models/case.ts';
import type { Office } from '../models/org.ts';
import type { Task } from '../models/task.ts';
import type { User } from '../models/user.ts';
import type { SlaService } from '../services/sla/sla-service.ts';
import { currentHolder } from '../services/worklist/task-access.ts';

/** The user as the API shows it (never the password hash). */
export function userView(u: Pick<User, '_id' | 'username' | 'displayName' | 'roles' | 'offices' | 'posts'>, offices: Office[]) {
  const mine = offices.filter((o) => u.offices.includes(o.code));
  const posts = offices.flatMap((o) => o.posts.filter((p) => u.posts.includes(p.code)).map((p) => ({ code: p.code, name: p.name, officeCode: o.code })));
  return { id: String(u._id), username: u.username, displayName: u.displayName, roles: u.roles, offices: mine.map((o) => ({ code: o.code, name: o.name })), posts };
}

/** A task with its fresh SLA card and current holder. */
export function taskView(t: Task, sla: SlaService) {
  return {
    id: String(t._id),
    jobKey: t.jobKey,
    caseId: t.caseId ? String(t.caseId) : null,
    caseNumber: t.caseNumber,
    bpmnProcessId: t.bpmnProcessId,
    processInstanceKey: t.processInstanceKey,
    elementId: t.elementId,
    name: t.name,
    candidateGroups: t.candidateGroups,
    candidateUsers: t.candidateUsers,
    assignee: t.assignee,
    owner: t.owner,
    holder: currentHolder(t),
    signers: t.signers,
    formKey: t.formKey,
    formId: t.formId,
    priority: t.priority,
    createdAt: t.createdAt,
    dueDate: t.dueDate,
    followUpDate: t.followUpDate,
    slaState: sla.stateOf(t),
    timeoutPolicy: t.timeoutPolicy,
    status: t.status,
    decision: t.decision,
    comment: t.comment,
    completedBy: t.completedBy,
    completedAt: t.completedAt,
    awaitingSigners: t.pendingCompletion !== null,
    variables: t.variables,
  };
}

/** A case as the API shows it. */
export function caseView(c: Case) {
  return {
    id: String(c._id),
    caseNumber: c.caseNumber,
    bpmnProcessId: c.bpmnProcessId,
    processName: c.processName,
    processVersion: c.processVersion,
    processInstanceKey: c.processInstanceKey,
    applicant: c.applicant,
    status: c.status,
    outcome: c.outcome ?? null,
    currentSteps: c.currentSteps,
    variables: c.variables,
    attachments: c.attachments.map((a) => ({ ...a, fileId: String(a.fileId), url: `/api/cases/${String(c._id)}/attachments/${String(a.fileId)}` })),
    readers: c.readers,
    incidents: c.incidents,
    slaState: c.slaState,
    deadline: c.deadline ?? null,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    completedAt: c.completedAt ?? null,
  };
}
