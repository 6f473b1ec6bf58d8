import { z } from 'zod';
import { principalOf } from '../auth/middleware.ts';
import { groupsOf, hasRole } from '../auth/principal.ts';
import { ForbiddenError } from '../auth/errors.ts';
import { supervisionList } from '../services/sla/supervision.ts';
import type { ServiceContext } from '../services/service-context.ts';
import type { ApiRouter } from './api-router.ts';
import { parse } from './validate.ts';

export const supervisionQuery = z.object({ office: z.string().optional() });

/** 督办 list and the notification outbox. */
export function supervisionRoutes(api: ApiRouter, ctx: ServiceContext): void {
  api.route({ method: 'get', path: '/supervision', tag: 'supervision', summary: '督办: red and yellow cards per office (agents: their own offices)', access: 'any', query: supervisionQuery }, async (req, res) => {
    const p = principalOf(req);
    const q = parse(supervisionQuery, req.query, 'query');
    const everything = hasRole(p, 'auditor', 'process-owner');
    if (q.office && !everything && !p.offices.includes(q.office)) throw new ForbiddenError(`office ${q.office} is not yours to supervise`);
    const rows = await supervisionList(ctx.models, ctx.sla, q.office);
    res.json(everything ? rows : rows.filter((r) => p.offices.includes(r.office.code)));
  });

  api.route({ method: 'get', path: '/notifications', tag: 'supervision', summary: 'The caller’s notifications (outbox; nothing is really sent)', access: 'any' }, async (req, res) => {
    const p = principalOf(req);
    const list = await ctx.notifications.list([p.username, ...groupsOf(p)]);
    res.json(list.map((n) => ({ id: String(n._id), to: n.to, kind: n.kind, caseId: n.caseId, taskId: n.taskId, message: n.message, createdAt: n.createdAt, status: n.status })));
  });
}
