/** DeployResource (and the deprecated DeployProcess): parse and validate every resource, then deploy atomically. */
import { parseResource, ResourceValidationError, validateDeployment, type ParsedResource } from '../../model/index.ts';
import { DEFAULT_TENANT, type DeploymentResource } from '../../protocol/record.ts';
import { execute, type GatewayContext, type UnaryHandler } from '../gateway-context.ts';
import { invalidArgument } from '../gateway-errors.ts';
import { requireDefaultTenant } from '../request-values.ts';
import type { DeploymentTransient } from '../../processing/deployment/deploy-processor.ts';

interface ResourceRequest {
  name: string;
  content: Buffer;
}

interface DeployResourceRequest {
  resources: ResourceRequest[];
  tenantId: string;
}

interface DeployResponse {
  key: string;
  deployments: Record<string, Record<string, unknown>>[];
  tenantId: string;
}

const INT64_FIELDS = new Set(['processDefinitionKey', 'formKey', 'decisionKey', 'decisionRequirementsKey']);

function stringifyKeys(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) {
    if (k === 'checksum' || k === 'duplicate') continue;
    out[k] = INT64_FIELDS.has(k) ? String(v) : v;
  }
  return out;
}

/** Parses, validates and deploys; shared by both deploy RPCs. */
export async function deploy(resources: ResourceRequest[], tenantId: string, ctx: GatewayContext): Promise<DeployResponse> {
  if (!resources || resources.length === 0) {
    throw invalidArgument(`Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy at least one resource, but none given`);
  }
  requireDefaultTenant('DeployResource', tenantId);
  const parsed: ParsedResource[] = [];
  const failures: ResourceValidationError[] = [];
  for (const r of resources) {
    try {
      parsed.push(await parseResource(r.name, r.content));
    } catch (err) {
      if (err instanceof ResourceValidationError) failures.push(err);
      else failures.push(new ResourceValidationError([{ resourceName: r.name, message: err instanceof Error ? err.message : String(err) }]));
    }
  }
  // Cross-resource rules (duplicate ids, deployment-bound forms and called processes) once every resource parsed.
  if (failures.length === 0) {
    const problems = validateDeployment(parsed);
    if (problems.length > 0) failures.push(new ResourceValidationError(problems));
  }
  const value = {
    resources: resources.map((r): DeploymentResource => ({ resourceName: r.name, resource: Buffer.from(r.content).toString('utf8') })),
    processesMetadata: [],
    formMetadata: [],
    decisionsMetadata: [],
    decisionRequirementsMetadata: [],
    tenantId: DEFAULT_TENANT,
  };
  // An invalid deployment is still written to the log and rejected there (COMMAND_REJECTION with
  // every problem), as Zeebe does, so exporters and auditors see what was refused and why.
  const transient: DeploymentTransient = failures.length > 0 ? { rejection: ResourceValidationError.combine(failures).rejectionReason } : parsed;
  const response = (await execute(ctx, { valueType: 'DEPLOYMENT', intent: 'CREATE', value, transient })) as {
    key: number;
    deployments: Record<string, Record<string, unknown>>[];
    tenantId: string;
  };
  return {
    key: String(response.key),
    deployments: response.deployments.map((d) =>
      Object.fromEntries(Object.entries(d).map(([kind, meta]) => [kind, stringifyKeys(meta)])),
    ),
    tenantId: response.tenantId,
  };
}

export const deployResource: UnaryHandler<DeployResourceRequest> = async (request, ctx) =>
  deploy(request.resources, request.tenantId, ctx);
