import type { Models } from '../../models/index.ts';
import type { Task } from '../../models/task.ts';
import type { SlaService } from './sla-service.ts';

/** One office's row of the supervision (督办) list. */
export interface SupervisionRow {
  office: { code: string; name: string };
  red: Array<Pick<Task, 'caseNumber' | 'name' | 'assignee' | 'dueDate'> & { id: string; caseId: string | null }>;
  yellow: SupervisionRow['red'];
}

/** Offices a task belongs to: office:X groups, post:X.y groups, else the assignee's offices. */
function officeCodes(t: Task, assigneeOffices: Map<string, string[]>): string[] {
  const codes = t.candidateGroups.flatMap((g) => {
    const m = /^(?:office:([^.]+)|post:([^.]+)\.)/.exec(g);
    return m ? [m[1] ?? m[2]!] : [];
  });
  if (codes.length > 0) return [...new Set(codes)];
  return t.assignee ? (assigneeOffices.get(t.assignee) ?? []) : [];
}

/** Red and yellow cards of open tasks, per office (optionally one office). */
export async function supervisionList(models: Models, sla: SlaService, officeFilter?: string, now = new Date()): Promise<SupervisionRow[]> {
  const open = await models.Task.find({ status: 'open', dueDate: { $ne: null } }).lean();
  const users = await models.User.find({ username: { $in: open.flatMap((t) => (t.assignee ? [t.assignee] : [])) } }).lean();
  const assigneeOffices = new Map(users.map((u) => [u.username, u.offices]));
  const offices = await models.Office.find({}).lean();
  const rows = new Map<string, SupervisionRow>();
  for (const t of open) {
    const state = sla.stateOf(t, now);
    if (state === 'ok') continue;
    for (const code of officeCodes(t, assigneeOffices)) {
      if (officeFilter && code !== officeFilter) continue;
      const office = offices.find((o) => o.code === code);
      const row = rows.get(code) ?? { office: { code, name: office?.name ?? code }, red: [], yellow: [] };
      row[state].push({ id: String(t._id), caseId: t.caseId ? String(t.caseId) : null, caseNumber: t.caseNumber, name: t.name, assignee: t.assignee, dueDate: t.dueDate });
      rows.set(code, row);
    }
  }
  return [...rows.values()].sort((a, b) => b.red.length - a.red.length || b.yellow.length - a.yellow.length);
}
