/**
 * DEPLOYMENT CREATE: resources were parsed and validated by the gateway (the parsed form rides along as
 * transient data). Identical resources keep their version (checksum), changed ones get the next one.
 */
import type { ParsedResource } from '../../model/index.ts';
import type { FormMetadataValue, ProcessMetadataValue } from '../../protocol/record.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { openEventStarts } from '../timer/start-event-instances.ts';

export const deployProcessor: CommandProcessor<'DEPLOYMENT'> = (command, ctx) => {
  const parsed = (ctx.transient ?? []) as readonly ParsedResource[];
  const tenantId = command.value.tenantId || DEFAULT_TENANT;
  const seen = new Map<string, string>();
  for (const resource of parsed) {
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
  const processesMetadata: ProcessMetadataValue[] = [];
  const formMetadata: FormMetadataValue[] = [];
  const deploymentKey = ctx.nextKey();
  const textOf = new Map(command.value.resources.map((r) => [r.resourceName, r.resource]));
  const answer: unknown[] = [];
  for (const resource of parsed) {
    const text = textOf.get(resource.resourceName) ?? '';
    if (resource.kind === 'process') {
      for (const model of resource.processes) {
        const latest = ctx.state.deployments.latestProcess(model.bpmnProcessId);
        const duplicate = latest !== undefined && latest.checksum === resource.checksum && latest.resourceName === resource.resourceName;
        const meta: ProcessMetadataValue = {
          bpmnProcessId: model.bpmnProcessId,
          version: duplicate ? latest.version : (latest?.version ?? 0) + 1,
          processDefinitionKey: duplicate ? latest.processDefinitionKey : ctx.nextKey(),
          resourceName: resource.resourceName,
          checksum: resource.checksum,
          duplicate,
          tenantId,
        };
        processesMetadata.push(meta);
        answer.push({ process: meta });
        if (!duplicate) {
          ctx.hooks.registerModel(meta.processDefinitionKey, model);
          const { duplicate: _d, ...value } = meta;
          ctx.event(meta.processDefinitionKey, 'PROCESS', 'CREATED', { ...value, resource: text, deploymentKey });
          openEventStarts(ctx, meta.processDefinitionKey, model, latest?.processDefinitionKey);
        }
      }
    } else {
      const latest = ctx.state.deployments.latestForm(resource.formId);
      const duplicate = latest !== undefined && latest.checksum === resource.checksum && latest.resourceName === resource.resourceName;
      const meta: FormMetadataValue = {
        formId: resource.formId,
        version: duplicate ? latest.version : (latest?.version ?? 0) + 1,
        formKey: duplicate ? latest.formKey : ctx.nextKey(),
        resourceName: resource.resourceName,
        checksum: resource.checksum,
        duplicate,
        tenantId,
      };
      formMetadata.push(meta);
      answer.push({ form: meta });
      if (!duplicate) {
        const { duplicate: _d, ...value } = meta;
        ctx.event(meta.formKey, 'FORM', 'CREATED', { ...value, resource: text, deploymentKey });
      }
    }
  }
  ctx.event(deploymentKey, 'DEPLOYMENT', 'CREATED', {
    ...command.value,
    tenantId,
    processesMetadata,
    formMetadata,
    decisionsMetadata: [],
    decisionRequirementsMetadata: [],
  });
  ctx.respond({ key: deploymentKey, deployments: answer, tenantId });
};
