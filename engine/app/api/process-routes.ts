import { z } from 'zod';
import { principalOf } from '../auth/middleware.ts';
import type { ServiceContext } from '../services/service-context.ts';
import type { ApiRouter } from './api-router.ts';
import { notFound, parse } from './validate.ts';

export const deploymentBody = z.object({
  changeNote: z.string().max(2000).default(''),
  resources: z
    .array(z.object({ name: z.string().regex(/\.(bpmn|form)$/, 'must end with .bpmn or .form'), content: z.string().min(1, 'is empty') }))
    .min(1, 'at least one resource'),
});
const versionParams = z.object({ bpmnProcessId: z.string().min(1), version: z.coerce.number().int().positive() });

/** Processes, versions and deployments. */
export function processRoutes(api: ApiRouter, ctx: ServiceContext): void {
  api.route({ method: 'get', path: '/processes', tag: 'processes', summary: 'Deployed processes with their versions', access: 'any' }, async (_req, res) => {
    const versions = await ctx.models.ProcessVersion.find({}).sort({ bpmnProcessId: 1, version: -1 }).lean();
    const running = await ctx.models.Case.find({ status: 'running' }, { bpmnProcessId: 1 }).lean();
    const byId = new Map<string, typeof versions>();
    for (const v of versions) byId.set(v.bpmnProcessId, [...(byId.get(v.bpmnProcessId) ?? []), v]);
    res.json(
      [...byId.entries()].map(([id, vs]) => ({
        bpmnProcessId: id,
        name: vs[0]!.name,
        latestVersion: vs[0]!.version,
        runningInstances: running.filter((c) => c.bpmnProcessId === id).length,
        updatedAt: vs[0]!.deployedAt,
        versions: vs.map((v) => ({ version: v.version, processDefinitionKey: v.processDefinitionKey, resourceName: v.resourceName, deployedBy: v.deployedBy, deployedAt: v.deployedAt, changeNote: v.changeNote })),
      })),
    );
  });

  api.route({ method: 'get', path: '/processes/:bpmnProcessId/versions/:version', tag: 'processes', summary: 'One version: XML and linked forms', access: 'any' }, async (req, res) => {
    const p = parse(versionParams, req.params, 'params');
    const v = await ctx.models.ProcessVersion.findOne({ bpmnProcessId: p.bpmnProcessId, version: p.version }).lean();
    if (!v) throw notFound('process version', `${p.bpmnProcessId} v${p.version}`);
    const forms = await Promise.all(v.formIds.map((formId) => ctx.models.FormVersion.findOne({ formId, deployedAt: { $lte: v.deployedAt } }).sort({ version: -1 }).lean()));
    res.json({
      bpmnProcessId: v.bpmnProcessId,
      name: v.name,
      version: v.version,
      processDefinitionKey: v.processDefinitionKey,
      xml: v.xml,
      forms: forms.flatMap((f) => (f ? [{ formId: f.formId, version: f.version, formKey: f.formKey, schema: f.schema }] : [])),
      deployedBy: v.deployedBy,
      deployedAt: v.deployedAt,
      changeNote: v.changeNote,
    });
  });

  api.route({ method: 'get', path: '/forms/:formId', tag: 'processes', summary: 'Latest version of a deployed form', access: 'any' }, async (req, res) => {
    const f = await ctx.models.FormVersion.findOne({ formId: String(req.params.formId) }).sort({ version: -1 }).lean();
    if (!f) throw notFound('form', String(req.params.formId));
    res.json({ formId: f.formId, version: f.version, formKey: f.formKey, schema: f.schema });
  });

  api.route({ method: 'post', path: '/deployments', tag: 'processes', summary: 'Deploy BPMN and form files (process owners)', access: ['process-owner'], body: deploymentBody, status: 201 }, async (req, res) => {
    const body = parse(deploymentBody, req.body);
    const result = await ctx.deployments.deploy(body.resources, body.changeNote, principalOf(req).username);
    res.status(201).json(result);
  });
}
