/**
 * RESOURCE_DELETION DELETE (DeleteResource): deletes a process definition or a form by key, as Zeebe 8.x
 * does. A process definition with running instances is not deleted (INVALID_STATE: Zeebe 8.x documents
 * this as a limitation). Deleting the latest version makes the previous one the latest again: the
 * deleted version's start-event timers and subscriptions close and the previous version's reopen.
 * Records: RESOURCE_DELETION DELETING, PROCESS DELETING, (start events), PROCESS DELETED (or FORM
 * DELETED), RESOURCE_DELETION DELETED; the client gets the (empty) DeleteResourceResponse.
 */
import type { FormValue, ProcessValue } from '../../protocol/record.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import type { CommandProcessor } from '../command-processor.ts';
import type { ProcessingContext } from '../processing-context.ts';
import { openEventStarts } from '../timer/start-event-instances.ts';
import { deleteDrg } from '../decision/delete-drg.ts';

export const deleteResourceProcessor: CommandProcessor<'RESOURCE_DELETION'> = (command, ctx) => {
  const resourceKey = command.value.resourceKey;
  const value = { resourceKey, tenantId: command.value.tenantId || DEFAULT_TENANT };
  const process = ctx.state.deployments.processByKey(resourceKey);
  const form = process ? undefined : ctx.state.deployments.formByKey(resourceKey);
  const drg = process || form ? undefined : ctx.state.decisions.drgByKey(resourceKey);
  if (!process && !form && !drg) {
    ctx.reject('NOT_FOUND', `Expected to delete resource but no resource found with key \`${resourceKey}\``);
    return;
  }
  if (process && ctx.state.elementInstances.hasProcessInstancesOf(resourceKey)) {
    ctx.reject('INVALID_STATE', `Expected to delete resource with key \`${resourceKey}\` but there are still running instances`);
    return;
  }
  const key = ctx.nextKey();
  ctx.event(key, 'RESOURCE_DELETION', 'DELETING', value);
  if (process) deleteProcess(ctx, process);
  else if (form) deleteForm(ctx, form);
  else if (drg) deleteDrg(ctx, drg);
  ctx.event(key, 'RESOURCE_DELETION', 'DELETED', value);
  ctx.respond({});
};

function deleteProcess(ctx: ProcessingContext, process: ProcessValue): void {
  // Like Zeebe, the deletion records carry neither the resource nor its checksum.
  const record: ProcessValue = { ...process, resource: '', checksum: '' };
  ctx.event(ctx.nextKey(), 'PROCESS', 'DELETING', record);
  const latest = ctx.state.deployments.latestProcess(process.bpmnProcessId);
  if (latest?.processDefinitionKey === process.processDefinitionKey) {
    const previous = ctx.state.deployments.processVersions(process.bpmnProcessId)[1];
    const previousModel = previous ? ctx.state.models.get(previous.processDefinitionKey) : undefined;
    const model = ctx.state.models.get(process.processDefinitionKey);
    // Closes the deleted version's start events and opens the previous version's (none when there is no previous one).
    if (previous && previousModel) openEventStarts(ctx, previous.processDefinitionKey, previousModel, process.processDefinitionKey);
    else if (model) openEventStarts(ctx, process.processDefinitionKey, { ...model, eventStartIds: [] }, process.processDefinitionKey);
  }
  ctx.event(ctx.nextKey(), 'PROCESS', 'DELETED', record);
}

function deleteForm(ctx: ProcessingContext, form: FormValue): void {
  ctx.event(ctx.nextKey(), 'FORM', 'DELETED', form);
}
