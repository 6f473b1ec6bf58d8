import { z } from 'zod';
import type { ServiceContext } from '../services/service-context.ts';
import type { ApiRouter } from './api-router.ts';
import { parse } from './validate.ts';
import { userView } from './views.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const calendarBody = z.object({ holidays: z.array(day), workdays: z.array(day) });
export const usersQuery = z.object({ office: z.string().optional() });

/** Organisation directory and the working-day calendar. */
export function orgRoutes(api: ApiRouter, ctx: ServiceContext): void {
  api.route({ method: 'get', path: '/org/offices', tag: 'organisation', summary: 'Offices (办/中心/大队/科室/外部) with posts and candidate-group ids', access: 'any' }, async (_req, res) => {
    const offices = await ctx.models.Office.find({}).sort({ code: 1 }).lean();
    res.json(offices.map((o) => ({ code: o.code, name: o.name, kind: o.kind, groupId: o.groupId, posts: o.posts.map((p) => ({ code: p.code, name: p.name, groupId: p.groupId })) })));
  });

  api.route({ method: 'get', path: '/org/users', tag: 'organisation', summary: 'Users, optionally of one office', access: 'any', query: usersQuery }, async (req, res) => {
    const q = parse(usersQuery, req.query, 'query');
    const users = await ctx.models.User.find(q.office ? { offices: q.office, active: true } : { active: true }).sort({ username: 1 }).lean();
    const offices = await ctx.models.Office.find({}).lean();
    res.json(users.map((u) => userView(u, offices)));
  });

  api.route({ method: 'get', path: '/org/villages', tag: 'organisation', summary: 'Villages (村) and communities (社区)', access: 'any' }, async (_req, res) => {
    const villages = await ctx.models.Village.find({}).sort({ code: 1 }).lean();
    res.json(villages.map((v) => ({ code: v.code, name: v.name, kind: v.kind })));
  });

  api.route({ method: 'get', path: '/calendar', tag: 'organisation', summary: 'Public holidays and make-up working days', access: 'any' }, async (_req, res) => {
    const c = await ctx.models.Calendar.findById('default').lean();
    res.json({ holidays: c?.holidays ?? [], workdays: c?.workdays ?? [] });
  });

  api.route({ method: 'put', path: '/calendar', tag: 'organisation', summary: 'Replace holidays and make-up working days', access: ['admin'], body: calendarBody }, async (req, res) => {
    const body = parse(calendarBody, req.body);
    await ctx.models.Calendar.updateOne({ _id: 'default' }, { $set: body }, { upsert: true });
    await ctx.sla.reload();
    res.json(body);
  });
}
