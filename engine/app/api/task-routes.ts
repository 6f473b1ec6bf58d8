import { z } from 'zod';
import { principalOf } from '../auth/middleware.ts';
import { ForbiddenError } from '../auth/errors.ts';
import { decide, sign } from '../services/approvals/decide.ts';
import { addSigner, claim, delegate, resolve, transfer, unclaim } from '../services/approvals/reassign.ts';
import { cc, urge } from '../services/approvals/notify-ops.ts';
import { sendBack } from '../services/approvals/broker-ops.ts';
import { loadTask } from '../services/approvals/approval-deps.ts';
import { canSeeTask } from '../services/worklist/task-access.ts';
import { taskFilter } from '../services/worklist/task-query.ts';
import type { ServiceContext } from '../services/service-context.ts';
import type { ApiRouter } from './api-router.ts';
import { parse } from './validate.ts';
import { taskView } from './views.ts';

export const taskListQuery = z.object({
  scope: z.enum(['mine', 'offices', 'all']).optional(),
  process: z.string().optional(),
  office: z.string().optional(),
  due: z.enum(['ok', 'yellow', 'red']).optional(),
  status: z.enum(['open', 'completed', 'canceled']).optional(),
  q: z.string().max(100).optional(),
});
const comment = z.string().max(2000).optional();
const vars = z.record(z.string(), z.unknown()).default({});
export const completeBody = z
  .object({ decision: z.enum(['approve', 'reject', 'supplement']).default('approve'), comment, variables: vars })
  .refine((b) => b.decision !== 'supplement' || (b.comment ?? '').trim() !== '', { path: ['comment'], message: 'say what is missing when returning a case for supplements' });
export const rejectBody = z.object({ comment: z.string().min(1, 'a reason is required to reject').max(2000), variables: vars });
export const toUserBody = z.object({ to: z.string().min(1), comment });
export const addSignerBody = z.object({ username: z.string().min(1), position: z.enum(['before', 'after']), comment });
export const signBody = z.object({ agree: z.boolean().default(true), comment });
export const ccBody = z.object({ users: z.array(z.string().min(1)).min(1), comment });
export const commentBody = z.object({ comment });
export const sendBackBody = z.object({ targetElementId: z.string().min(1), comment: z.string().min(1, 'a reason is required to send back').max(2000) });

/** Worklist and approval operations. */
export function taskRoutes(api: ApiRouter, ctx: ServiceContext): void {
  const agent = ['agent'] as const;
  const view = async (id: string) => taskView(await loadTask(ctx, id), ctx.sla);

  api.route({ method: 'get', path: '/tasks', tag: 'tasks', summary: 'Worklist: mine, my offices, filters by process, office, due state, text', access: ['agent', 'auditor', 'process-owner'], query: taskListQuery }, async (req, res) => {
    const q = parse(taskListQuery, req.query, 'query');
    const tasks = await ctx.models.Task.find(taskFilter(principalOf(req), q)).sort({ priority: -1, dueDate: 1, createdAt: 1 }).limit(500).lean();
    const views = tasks.map((t) => taskView(t, ctx.sla));
    res.json(q.due ? views.filter((v) => v.slaState === q.due) : views);
  });

  api.route({ method: 'get', path: '/tasks/:id', tag: 'tasks', summary: 'One task', access: 'any' }, async (req, res) => {
    const t = await loadTask(ctx, String(req.params.id));
    if (!canSeeTask(principalOf(req), t)) throw new ForbiddenError(`task ${String(req.params.id)} is not yours to see`);
    res.json(taskView(t, ctx.sla));
  });

  const op = (path: string, summary: string, body: z.ZodType | undefined, run: (req: Parameters<Parameters<ApiRouter['route']>[1]>[0]) => Promise<unknown>) =>
    api.route({ method: 'post', path: `/tasks/:id/${path}`, tag: 'tasks', summary, access: [...agent], ...(body ? { body } : {}) }, async (req, res) => {
      const out = await run(req);
      res.json(out && typeof out === 'object' && 'jobKey' in out ? await view(String(req.params.id)) : out);
    });

  op('claim', 'Claim an offered task', undefined, (req) => claim(ctx, principalOf(req), String(req.params.id)));
  op('unclaim', 'Give a claimed task back to its candidates', undefined, (req) => unclaim(ctx, principalOf(req), String(req.params.id)));
  op('complete', 'Complete with a decision (approve / reject / supplement = 退回补正 to the filer when the model routes it), comment and form data', completeBody, (req) => {
    const b = parse(completeBody, req.body ?? {});
    return decide(ctx, principalOf(req), String(req.params.id), { decision: b.decision, comment: b.comment ?? null, variables: b.variables });
  });
  op('reject', '驳回: reject with a reason', rejectBody, (req) => {
    const b = parse(rejectBody, req.body ?? {});
    return decide(ctx, principalOf(req), String(req.params.id), { decision: 'reject', comment: b.comment, variables: b.variables });
  });
  op('transfer', '转办: hand the task to another agent', toUserBody, (req) => {
    const b = parse(toUserBody, req.body ?? {});
    return transfer(ctx, principalOf(req), String(req.params.id), b.to, b.comment ?? null);
  });
  op('delegate', '委派: let another agent work it and return it', toUserBody, (req) => {
    const b = parse(toUserBody, req.body ?? {});
    return delegate(ctx, principalOf(req), String(req.params.id), b.to, b.comment ?? null);
  });
  op('resolve', 'Return a delegated task to its owner', commentBody, (req) => {
    const b = parse(commentBody, req.body ?? {});
    return resolve(ctx, principalOf(req), String(req.params.id), b.comment ?? null);
  });
  op('add-signer', '加签: add a signer before or after', addSignerBody, (req) => {
    const b = parse(addSignerBody, req.body ?? {});
    return addSigner(ctx, principalOf(req), String(req.params.id), b.username, b.position, b.comment ?? null);
  });
  op('sign', 'An added signer signs (agree or not)', signBody, (req) => {
    const b = parse(signBody, req.body ?? {});
    return sign(ctx, principalOf(req), String(req.params.id), b.agree, b.comment ?? null);
  });
  op('cc', '抄送: make users readers of the case and notify them', ccBody, (req) => {
    const b = parse(ccBody, req.body ?? {});
    return cc(ctx, principalOf(req), String(req.params.id), b.users, b.comment ?? null);
  });
  op('urge', '催办: notify whoever holds the task', commentBody, (req) => {
    const b = parse(commentBody, req.body ?? {});
    return urge(ctx, principalOf(req), String(req.params.id), b.comment ?? null);
  });
  op('send-back', '退回: move the case back to an earlier step (ModifyProcessInstance)', sendBackBody, (req) => {
    const b = parse(sendBackBody, req.body ?? {});
    return sendBack(ctx, principalOf(req), String(req.params.id), b.targetElementId, b.comment);
  });
}
