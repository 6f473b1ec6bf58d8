import { z } from 'zod';
import { principalOf } from '../auth/middleware.ts';
import type { Draft } from '../models/process-version.ts';
import type { ServiceContext } from '../services/service-context.ts';
import type { ApiRouter } from './api-router.ts';
import { notFound, parse } from './validate.ts';

const formSchema = z.object({ formId: z.string().min(1), schema: z.unknown() });
export const draftCreateBody = z.object({ name: z.string().min(1).max(200), xml: z.string().min(1), forms: z.array(formSchema).optional() });
export const draftUpdateBody = z.object({ name: z.string().min(1).max(200).optional(), xml: z.string().min(1).optional(), forms: z.array(formSchema).optional() });

const processIdOf = (xml: string): string => /<bpmn2?:process[^>]*\bid="([^"]+)"/.exec(xml)?.[1] ?? '';

function draftView(d: Draft & { _id: unknown }, full: boolean) {
  return { id: String(d._id), name: d.name, bpmnProcessId: d.bpmnProcessId, updatedAt: d.updatedAt, updatedBy: d.updatedBy, ...(full ? { xml: d.xml, forms: d.forms } : {}) };
}

/** Designer drafts (process owners). */
export function draftRoutes(api: ApiRouter, ctx: ServiceContext): void {
  const load = async (id: string) => {
    const d = /^[0-9a-f]{24}$/i.test(id) ? await ctx.models.Draft.findById(id).lean() : null;
    if (!d) throw notFound('draft', id);
    return d;
  };
  api.route({ method: 'get', path: '/drafts', tag: 'drafts', summary: 'List drafts', access: ['process-owner'] }, async (_req, res) => {
    const drafts = await ctx.models.Draft.find({}).sort({ updatedAt: -1 }).lean();
    res.json(drafts.map((d) => draftView(d, false)));
  });
  api.route({ method: 'post', path: '/drafts', tag: 'drafts', summary: 'Create a draft', access: ['process-owner'], body: draftCreateBody, status: 201 }, async (req, res) => {
    const b = parse(draftCreateBody, req.body);
    const who = principalOf(req).username;
    const d = await ctx.models.Draft.create({ name: b.name, xml: b.xml, forms: b.forms ?? [], bpmnProcessId: processIdOf(b.xml), createdBy: who, updatedBy: who, updatedAt: new Date() });
    res.status(201).json(draftView(d.toObject(), true));
  });
  api.route({ method: 'get', path: '/drafts/:id', tag: 'drafts', summary: 'One draft with XML and forms', access: ['process-owner'] }, async (req, res) => {
    res.json(draftView(await load(String(req.params.id)), true));
  });
  api.route({ method: 'put', path: '/drafts/:id', tag: 'drafts', summary: 'Update a draft', access: ['process-owner'], body: draftUpdateBody }, async (req, res) => {
    const d = await load(String(req.params.id));
    const b = parse(draftUpdateBody, req.body);
    const set: Partial<Draft> = { updatedBy: principalOf(req).username, updatedAt: new Date() };
    if (b.name !== undefined) set.name = b.name;
    if (b.xml !== undefined) {
      set.xml = b.xml;
      set.bpmnProcessId = processIdOf(b.xml);
    }
    if (b.forms !== undefined) set.forms = b.forms;
    await ctx.models.Draft.updateOne({ _id: d._id }, { $set: set });
    res.json(draftView(await load(String(req.params.id)), true));
  });
  api.route({ method: 'delete', path: '/drafts/:id', tag: 'drafts', summary: 'Delete a draft', access: ['process-owner'], status: 204 }, async (req, res) => {
    const d = await load(String(req.params.id));
    await ctx.models.Draft.deleteOne({ _id: d._id });
    res.status(204).end();
  });
}
