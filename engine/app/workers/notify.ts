import type { ServiceHandler } from './service-worker.ts';
import type { WorkerDeps } from './worker-deps.ts';

export const NOTIFY = 'notify';

/** Fills {name} placeholders from variables (nested with dots). */
export function fillTemplate(template: string, vars: Record<string, unknown>): string {
  return template.replace(/\{([\w.]+)\}/g, (_m, path: string) => {
    let v: unknown = vars;
    for (const k of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
    return v === undefined || v === null ? '' : String(v);
  });
}

/**
 * 通知: puts a message in the outbox. Headers: `to` (a username, a group such as office:shzlb,
 * or "filer" for the agent who filed the case) and `message` (a template with {caseNumber} …).
 * One message per job key.
 */
export const notify = (d: WorkerDeps): ServiceHandler => async (job) => {
  const toHeader = job.customHeaders.to ?? 'filer';
  const to = toHeader === 'filer' ? String(job.variables.filedBy ?? '') : toHeader;
  const message = fillTemplate(job.customHeaders.message ?? '案件 {caseNumber} 有新进展', job.variables);
  if (to) {
    await d.notifications.enqueue({ key: `notify:${job.key}`, to, kind: 'case', caseId: typeof job.variables.caseId === 'string' ? job.variables.caseId : null, taskId: null, message });
  }
  return { lastNotification: message };
};
