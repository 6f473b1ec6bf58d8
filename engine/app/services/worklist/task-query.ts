import type { QueryFilter } from 'mongoose';
import { groupsOf, hasRole, type Principal } from '../../auth/principal.ts';
import type { Task } from '../../models/task.ts';

/** Worklist filters (GET /api/tasks). */
export interface TaskFilters {
  scope?: 'mine' | 'offices' | 'all' | undefined;
  process?: string | undefined;
  office?: string | undefined;
  status?: 'open' | 'completed' | 'canceled' | undefined;
  q?: string | undefined;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The MongoDB filter for a principal's worklist. */
export function taskFilter(p: Principal, f: TaskFilters): QueryFilter<Task> {
  const groups = groupsOf(p);
  const mine: QueryFilter<Task> = { $or: [{ assignee: p.username }, { signers: { $elemMatch: { username: p.username, status: 'pending' } } }] };
  const offered: QueryFilter<Task> = { assignee: null, $or: [{ candidateGroups: { $in: groups } }, { candidateUsers: p.username }] };
  const and: QueryFilter<Task>[] = [{ status: f.status ?? 'open' }];
  if (f.scope === 'mine') and.push(mine);
  else if (f.scope === 'offices') and.push(offered);
  else if (f.scope === 'all' && hasRole(p, 'auditor', 'process-owner')) {
    // readers of everything
  } else and.push({ $or: [mine, offered] });
  if (f.process) and.push({ bpmnProcessId: f.process });
  if (f.office) and.push({ candidateGroups: { $in: [`office:${f.office}`, new RegExp(`^post:${escape(f.office)}\\.`)] } });
  if (f.q) {
    const rx = new RegExp(escape(f.q), 'i');
    and.push({ $or: [{ name: rx }, { caseNumber: rx }] });
  }
  return { $and: and };
}
