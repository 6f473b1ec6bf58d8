/**
 * DEPLOYMENT CREATE: resources were parsed and validated by the gateway (the parsed form rides along as
 * transient data). A deployment of only identical resources (checksum and name) keeps their versions;
 * otherwise every resource of it gets the next version, as Zeebe versions a deployment together.
 */
import type { ParsedResource } from '../../model/index.ts';
import type { DeploymentValue, FormMetadataValue, ProcessMetadataValue } from '../../protocol/record.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { openEventStarts } from '../timer/start-event-instances.ts';
import { decisionOwnershipProblem, deployDrg, sameAsLatestDrg } from '../decision/deploy-decisions.ts';

interface Versioned {
  readonly version: number;
  readonly checksum: string;
  readonly resourceName: string;
}

/** Whether a resource is identical (checksum and resource name) to the latest deployed version. */
function sameAsLatest(latest: Versioned | undefined, resource: ParsedResource): boolean {
  return latest !== undefined && latest.checksum === resource.checksum && latest.resourceName === resource.resourceName;
}

/**
 * Version and key of a deployed resource (process or form). When every resource of the deployment
 * is identical to its latest version (`keepDuplicates`), each keeps that version and key (`keyOf`
 * gets the latest); otherwise, as Zeebe versions a deployment's resources together, every resource
 * gets the next version (after the highest ever given, deleted versions included) and a new key
 * (`keyOf` gets undefined).
 */
function versionOf<T extends Versioned>(
  latest: T | undefined,
  highest: number,
  resource: ParsedResource,
  keepDuplicates: boolean,
  keyOf: (same: T | undefined) => number,
) {
  const same = keepDuplicates && sameAsLatest(latest, resource) ? latest : undefined;
  return {
    version: same ? same.version : highest + 1,
    key: keyOf(same),
    rest: { resourceName: resource.resourceName, checksum: resource.checksum, duplicate: same !== undefined },
  };
}

/** The metadata as a CREATED record value (without the answer-only `duplicate` flag). */
function withoutDuplicate<T extends { readonly duplicate: boolean }>(meta: T): Omit<T, 'duplicate'> {
  const { duplicate: _duplicate, ...value } = meta;
  return value;
}

/**
 * What the gateway hands the processor with a DEPLOYMENT CREATE: the parsed resources, or the
 * reason the resources were invalid (the command is then rejected, with that reason on the record).
 */
export type DeploymentTransient = readonly ParsedResource[] | { readonly rejection: string };

export const deployProcessor: CommandProcessor<'DEPLOYMENT'> = (command, ctx) => {
  const transient = (ctx.transient ?? []) as DeploymentTransient;
  if ('rejection' in transient) {
    ctx.reject('INVALID_ARGUMENT', transient.rejection);
    return;
  }
  const parsed = transient;
  const tenantId = command.value.tenantId || DEFAULT_TENANT;
  const seen = new Map<string, string>();
  for (const resource of parsed) {
    if (resource.kind === 'decision') continue; // DRG and decision ids: decisionOwnershipProblem
    const ids = resource.kind === 'process' ? resource.processes.map((p) => p.bpmnProcessId) : [`form:${resource.formId}`];
    for (const id of ids) {
      const other = seen.get(id);
      if (other !== undefined) {
        const what = id.startsWith('form:') ? 'form id' : 'process id';
        ctx.reject('INVALID_ARGUMENT', `Expected to deploy new resources, but encountered the following errors:\nDuplicated ${what} in resources '${other}' and '${resource.resourceName}'`);
        return;
      }
      seen.set(id, resource.resourceName);
    }
  }
  const decisionProblem = decisionOwnershipProblem(ctx.state, parsed.filter((resource) => resource.kind === 'decision'));
  if (decisionProblem) {
    ctx.reject('INVALID_ARGUMENT', `Expected to deploy new resources, but encountered the following errors:\n${decisionProblem}`);
    return;
  }
  const deployments = ctx.state.deployments;
  const keepDuplicates = parsed.every((resource) =>
    resource.kind === 'process'
      ? resource.processes.every((model) => sameAsLatest(deployments.latestProcess(model.bpmnProcessId), resource))
      : resource.kind === 'decision'
        ? sameAsLatestDrg(ctx.state, resource)
        : sameAsLatest(deployments.latestForm(resource.formId), resource),
  );
  const decisionsMetadata: DeploymentValue['decisionsMetadata'] = [];
  const decisionRequirementsMetadata: DeploymentValue['decisionRequirementsMetadata'] = [];
  const processesMetadata: ProcessMetadataValue[] = [];
  const formMetadata: FormMetadataValue[] = [];
  const deploymentKey = ctx.nextKey();
  const textOf = new Map(command.value.resources.map((r) => [r.resourceName, r.resource]));
  const answer: unknown[] = [];
  for (const resource of parsed) {
    const text = textOf.get(resource.resourceName) ?? '';
    if (resource.kind === 'process') {
      for (const model of resource.processes) {
        const latest = deployments.latestProcess(model.bpmnProcessId);
        const highest = deployments.highestProcessVersion(model.bpmnProcessId);
        const v = versionOf(latest, highest, resource, keepDuplicates, (same) => same?.processDefinitionKey ?? ctx.nextKey());
        const meta: ProcessMetadataValue = { bpmnProcessId: model.bpmnProcessId, version: v.version, processDefinitionKey: v.key, ...v.rest, tenantId };
        processesMetadata.push(meta);
        answer.push({ process: meta });
        if (!meta.duplicate) {
          ctx.hooks.registerModel(meta.processDefinitionKey, model);
          ctx.event(meta.processDefinitionKey, 'PROCESS', 'CREATED', { ...withoutDuplicate(meta), resource: text, deploymentKey });
          openEventStarts(ctx, meta.processDefinitionKey, model, latest?.processDefinitionKey);
        }
      }
    } else if (resource.kind === 'decision') {
      const deployed = deployDrg(ctx, resource, text, deploymentKey, keepDuplicates, tenantId);
      decisionRequirementsMetadata.push(deployed.requirements);
      decisionsMetadata.push(...deployed.decisions);
      answer.push(...deployed.answers);
    } else {
      const latestForm = deployments.latestForm(resource.formId);
      const highest = deployments.highestFormVersion(resource.formId);
      const v = versionOf(latestForm, highest, resource, keepDuplicates, (same) => same?.formKey ?? ctx.nextKey());
      const meta: FormMetadataValue = { formId: resource.formId, version: v.version, formKey: v.key, ...v.rest, tenantId };
      formMetadata.push(meta);
      answer.push({ form: meta });
      if (!meta.duplicate) ctx.event(meta.formKey, 'FORM', 'CREATED', { ...withoutDuplicate(meta), resource: text, deploymentKey });
    }
  }
  ctx.event(deploymentKey, 'DEPLOYMENT', 'CREATED', {
    ...command.value,
    tenantId,
    processesMetadata,
    formMetadata,
    decisionsMetadata,
    decisionRequirementsMetadata,
  });
  ctx.respond({ key: deploymentKey, deployments: answer, tenantId });
};
