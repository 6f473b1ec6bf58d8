import type { ZBClient } from 'zeebe-node';
import { ProblemError } from '../../http/problem.ts';
import type { Models } from '../../models/index.ts';
import { parseRejection } from './broker-rejection.ts';
import { summariseBpmn, type ProcessSummary } from './bpmn-summary.ts';

/** A file to deploy: BPMN (.bpmn) or form-js JSON (.form). */
export interface DeployResource {
  name: string;
  content: string;
}

/** What a deployment produced. */
export interface DeployResult {
  deploymentKey: string;
  processes: Array<{ bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string }>;
  forms: Array<{ formId: string; version: number; formKey: string }>;
}

/** Deploys resources to the broker through zeebe-node and records every version. */
export class DeploymentService {
  constructor(private readonly models: Models, private readonly zeebe: ZBClient) {}

  /** @throws ProblemError 400 naming the resource/element on bad input or broker rejection. */
  async deploy(resources: DeployResource[], changeNote: string, deployedBy: string): Promise<DeployResult> {
    const forms = resources.filter((r) => r.name.endsWith('.form'));
    const bpmns = resources.filter((r) => r.name.endsWith('.bpmn') || r.name.endsWith('.bpmn20.xml'));
    const other = resources.filter((r) => !forms.includes(r) && !bpmns.includes(r));
    if (other.length > 0) {
      throw new ProblemError(400, 'Invalid request', `resources: ${other.map((r) => r.name).join(', ')} — only .bpmn and .form files can be deployed`, { field: 'body.resources' });
    }
    const summaries = new Map<string, ProcessSummary[]>();
    for (const [i, r] of bpmns.entries()) {
      try {
        summaries.set(r.name, await summariseBpmn(r.content));
      } catch (err) {
        throw new ProblemError(400, 'Invalid BPMN', `${r.name}: ${err instanceof Error ? err.message : String(err)}`, { field: `body.resources.${resources.indexOf(r) >= 0 ? resources.indexOf(r) : i}.content` });
      }
    }
    const formSchemas = new Map<string, unknown>();
    for (const r of forms) {
      try {
        formSchemas.set(r.name, JSON.parse(r.content));
      } catch (err) {
        throw new ProblemError(400, 'Invalid form', `${r.name}: not JSON (${err instanceof Error ? err.message : String(err)})`, { field: `body.resources.${resources.indexOf(r)}.content` });
      }
    }

    const result: DeployResult = { deploymentKey: '', processes: [], forms: [] };
    const now = new Date();
    // Forms first, so a process that links a form by id finds it.
    for (const r of forms) {
      const res = await this.call(r.name, () => this.zeebe.deployResource({ name: r.name, form: Buffer.from(r.content, 'utf8') }));
      for (const d of res.deployments) {
        const f = d.form;
        await this.models.FormVersion.updateOne(
          { formKey: String(f.formKey) },
          { $setOnInsert: { formId: f.formId, version: f.version, formKey: String(f.formKey), schema: formSchemas.get(r.name), resourceName: r.name, deployedAt: now } },
          { upsert: true },
        );
        result.forms.push({ formId: f.formId, version: f.version, formKey: String(f.formKey) });
      }
      result.deploymentKey = String(res.key);
    }
    for (const r of bpmns) {
      const res = await this.call(r.name, () => this.zeebe.deployResource({ name: r.name, process: Buffer.from(r.content, 'utf8') }));
      for (const d of res.deployments) {
        const p = d.process;
        const summary = summaries.get(r.name)?.find((s) => s.id === p.bpmnProcessId);
        await this.models.ProcessVersion.updateOne(
          { processDefinitionKey: String(p.processDefinitionKey) },
          {
            $setOnInsert: {
              bpmnProcessId: p.bpmnProcessId,
              name: summary?.name ?? p.bpmnProcessId,
              version: p.version,
              processDefinitionKey: String(p.processDefinitionKey),
              deploymentKey: String(res.key),
              resourceName: p.resourceName || r.name,
              xml: r.content,
              formIds: [...new Set((summary?.steps ?? []).flatMap((s) => (s.formId ? [s.formId] : [])))],
              deployedBy,
              deployedAt: now,
              changeNote,
            },
          },
          { upsert: true },
        );
        result.processes.push({ bpmnProcessId: p.bpmnProcessId, version: p.version, processDefinitionKey: String(p.processDefinitionKey), resourceName: p.resourceName || r.name });
      }
      result.deploymentKey = String(res.key);
    }
    return result;
  }

  private async call<T>(resourceName: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const e = err as { code?: number; details?: string; message?: string };
      const message = e.details ?? e.message ?? String(err);
      // gRPC INVALID_ARGUMENT (3) / FAILED_PRECONDITION (9): the broker rejected the resource.
      if (e.code === 3 || e.code === 9 || /rejected|INVALID_ARGUMENT/i.test(message)) {
        throw new ProblemError(400, 'Deployment rejected', `${resourceName}: ${message}`, { errors: parseRejection(message), type: 'https://streetflow.dev/problems/deployment-rejected' });
      }
      throw new ProblemError(502, 'Broker unavailable', `${resourceName}: ${message}`);
    }
  }
}
