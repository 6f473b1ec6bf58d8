import express from 'express';
import mongoose from 'mongoose';
import { z } from 'zod';
import { principalOf } from '../auth/middleware.ts';
import { ProblemError } from '../http/problem.ts';
import { withdraw } from '../services/approvals/broker-ops.ts';
import { canSeeCase, caseFilterFor } from '../services/cases/case-access.ts';
import type { ServiceContext } from '../services/service-context.ts';
import { ForbiddenError } from '../auth/errors.ts';
import type { ApiRouter } from './api-router.ts';
import { notFound, parse } from './validate.ts';
import { caseView, taskView } from './views.ts';

export const createCaseBody = z.object({
  bpmnProcessId: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).default({}),
  applicant: z.object({
    name: z.string().min(1).max(100),
    idNumber: z.string().regex(/^\d{17}[\dXx]$/, 'must be an 18-character resident ID number').optional(),
    phone: z.string().regex(/^1\d{10}$/, 'must be an 11-digit mobile number').optional(),
    village: z.string().max(100).optional(),
  }),
});
export const listCasesQuery = z.object({
  status: z.enum(['creating', 'running', 'completed', 'rejected', 'withdrawn', 'terminated', 'failed']).optional(),
  process: z.string().optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const withdrawBody = z.object({ reason: z.string().max(2000).optional() });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Cases: filing, reading, history, verification, attachments, withdrawal. */
export function caseRoutes(api: ApiRouter, ctx: ServiceContext): void {
  const visibleCase = async (req: express.Request) => {
    const id = String(req.params.id);
    const c = /^[0-9a-f]{24}$/i.test(id) ? await ctx.models.Case.findById(id).lean() : null;
    if (!c) throw notFound('case', id);
    if (!(await canSeeCase(ctx.models, principalOf(req), id))) throw new ForbiddenError(`you cannot see case ${c.caseNumber}`);
    return c;
  };

  api.route({ method: 'post', path: '/cases', tag: 'cases', summary: 'File a case (agents): numbers it and starts the process', access: ['agent'], body: createCaseBody, status: 201 }, async (req, res) => {
    const b = parse(createCaseBody, req.body);
    const c = await ctx.cases.create(principalOf(req), b.bpmnProcessId, b.applicant, b.variables);
    res.status(201).json(caseView(c));
  });

  api.route({ method: 'get', path: '/cases', tag: 'cases', summary: 'Cases the caller may see', access: 'any', query: listCasesQuery }, async (req, res) => {
    const q = parse(listCasesQuery, req.query, 'query');
    const and: object[] = [await caseFilterFor(ctx.models, principalOf(req))];
    if (q.status) and.push({ status: q.status });
    if (q.process) and.push({ bpmnProcessId: q.process });
    if (q.q) and.push({ $or: [{ caseNumber: new RegExp(escape(q.q), 'i') }, { 'applicant.name': new RegExp(escape(q.q), 'i') }] });
    const cases = await ctx.models.Case.find({ $and: and }).sort({ createdAt: -1 }).limit(q.limit).lean();
    res.json(cases.map(caseView));
  });

  api.route({ method: 'get', path: '/cases/:id', tag: 'cases', summary: 'One case with its tasks', access: 'any' }, async (req, res) => {
    const c = await visibleCase(req);
    const tasks = await ctx.models.Task.find({ caseId: c._id }).sort({ createdAt: 1 }).lean();
    res.json({ ...caseView(c), tasks: tasks.map((t) => taskView(t, ctx.sla)) });
  });

  api.route({ method: 'get', path: '/cases/:id/history', tag: 'cases', summary: 'Full history: broker records and human actions, hash-chained', access: 'any' }, async (req, res) => {
    const c = await visibleCase(req);
    const entries = await ctx.history.list(String(c._id));
    res.json(entries.map((e) => ({ id: String(e._id), seq: e.seq, kind: e.kind, at: e.at, actor: e.actor, action: e.action, position: e.position ?? null, payload: JSON.parse(e.payload) as unknown, prevHash: e.prevHash, hash: e.hash })));
  });

  api.route({ method: 'get', path: '/cases/:id/verify', tag: 'cases', summary: 'Recompute the hash chain; names the first broken entry', access: 'any' }, async (req, res) => {
    const c = await visibleCase(req);
    res.json({ caseNumber: c.caseNumber, recordSource: ctx.recordSource, ...(await ctx.history.verify(String(c._id))) });
  });

  api.route(
    { method: 'post', path: '/cases/:id/attachments', tag: 'cases', summary: 'Upload an attachment (raw body; ?name=file.pdf; Content-Type checked)', access: ['agent'], rawBody: 'application/octet-stream', status: 201 },
    async (req, res) => {
      const c = await visibleCase(req);
      const name = typeof req.query.name === 'string' && req.query.name.trim() !== '' ? req.query.name.trim() : null;
      if (!name) throw new ProblemError(400, 'Invalid request', 'query.name: the file name is required', { field: 'query.name' });
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (!ctx.uploadLimits.contentTypes.includes(type)) {
        throw new ProblemError(415, 'Unsupported Media Type', `Content-Type ${type || '(none)'} is not accepted; allowed: ${ctx.uploadLimits.contentTypes.join(', ')}`, { field: 'header.content-type' });
      }
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (data.length === 0) throw new ProblemError(400, 'Invalid request', 'body: the file is empty', { field: 'body' });
      const who = principalOf(req).username;
      const fileId = await ctx.files.put(data, name, type, { caseId: String(c._id), uploadedBy: who });
      const attachment = { fileId, name, contentType: type, size: data.length, kind: 'upload' as const, uploadedBy: who, uploadedAt: new Date() };
      await ctx.models.Case.updateOne({ _id: c._id }, { $push: { attachments: attachment } });
      await ctx.history.append(String(c._id), { kind: 'action', actor: who, action: 'case.attachment-added', payload: { fileId: String(fileId), name, contentType: type, size: data.length } });
      res.status(201).json({ ...attachment, fileId: String(fileId), url: `/api/cases/${String(c._id)}/attachments/${String(fileId)}` });
    },
    [express.raw({ type: () => true, limit: ctx.uploadLimits.maxBytes })],
  );

  api.route({ method: 'get', path: '/cases/:id/attachments/:fileId', tag: 'cases', summary: 'Download an attachment (e.g. the permit PDF)', access: 'any', produces: 'application/octet-stream' }, async (req, res) => {
    const c = await visibleCase(req);
    const a = c.attachments.find((x) => String(x.fileId) === String(req.params.fileId));
    if (!a) throw notFound('attachment', String(req.params.fileId));
    const data = await ctx.files.read(new mongoose.Types.ObjectId(String(a.fileId)));
    res.setHeader('content-type', a.contentType);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`);
    res.send(data);
  });

  api.route({ method: 'post', path: '/cases/:id/withdraw', tag: 'cases', summary: '撤回: the filer withdraws the case (message case-withdrawn)', access: ['agent'], body: withdrawBody }, async (req, res) => {
    const b = parse(withdrawBody, req.body ?? {});
    const c = await withdraw(ctx, principalOf(req), String(req.params.id), b.reason ?? null);
    res.json(caseView(c));
  });
}
