/**
 * PROCESS_INSTANCE_MIGRATION MIGRATE (MigrateProcessInstance): moves a running instance onto another
 * process definition by mapping each active element to one of the same type in the same flow scope.
 * Element instances keep their keys, variables and jobs (job type and headers stay); the records say
 * ELEMENT_MIGRATED / JOB MIGRATED. Rejections follow Zeebe's wording; cases Zeebe handles and this
 * broker does not yet (multi-instance, incidents, tokens waiting at a join) are rejected with a reason.
 */
import type { ExecutableProcess } from '../../model/index.ts';
import type { ProcessInstanceValue, ProcessValue } from '../../protocol/record.ts';
import type { ElementInstance } from '../../state/element-instance-state.ts';
import type { ReadonlyEngineState } from '../../state/engine-state.ts';
import type { CommandProcessor } from '../command-processor.ts';

function instancesOf(state: ReadonlyEngineState, rootKey: number): Readonly<ElementInstance>[] {
  const out: Readonly<ElementInstance>[] = [];
  const walk = (key: number): void => {
    const instance = state.elementInstances.get(key);
    if (!instance) return;
    if (key !== rootKey) out.push(instance);
    for (const child of instance.children) walk(child);
  };
  walk(rootKey);
  return out;
}

/** The reason the instance cannot be migrated, or undefined. */
function check(
  state: ReadonlyEngineState,
  root: Readonly<ElementInstance>,
  source: ExecutableProcess,
  target: ExecutableProcess,
  mapping: ReadonlyMap<string, string>,
): string | undefined {
  const prefix = `Expected to migrate process instance '${root.key}' but`;
  for (const instance of [root, ...instancesOf(state, root.key)]) {
    if (instance.activeFlows > 0 || (instance.pendingFlows?.size ?? 0) > 0) {
      return `${prefix} the element with id '${instance.value.elementId}' has taken sequence flows whose target is not active yet. Such instances cannot be migrated by the embedded broker yet.`;
    }
  }
  for (const instance of instancesOf(state, root.key)) {
    const id = instance.value.elementId;
    if (instance.value.bpmnElementType === 'MULTI_INSTANCE_BODY' || instance.value.bpmnElementType === 'CALL_ACTIVITY') {
      return `${prefix} active element with id '${id}' is a ${instance.value.bpmnElementType === 'CALL_ACTIVITY' ? 'call activity' : 'multi-instance element'}. Such elements cannot be migrated by the embedded broker yet.`;
    }
    const targetId = mapping.get(id);
    if (targetId === undefined) {
      return `${prefix} no mapping instruction defined for active element with id '${id}'. Elements cannot be migrated without a mapping.`;
    }
    const sourceElement = source.elements.get(id)!;
    const targetElement = target.elements.get(targetId)!;
    if (sourceElement.type !== targetElement.type) {
      return `${prefix} active element with id '${id}' and type '${sourceElement.type}' is mapped to an element with id '${targetId}' and different type '${targetElement.type}'. Elements must be mapped to elements of the same type.`;
    }
    const expectedScope = sourceElement.flowScopeId === source.bpmnProcessId ? target.bpmnProcessId : mapping.get(sourceElement.flowScopeId ?? '');
    if (targetElement.flowScopeId !== expectedScope) {
      return `${prefix} the flow scope of active element with id '${id}' is changed. The flow scope of the active element is expected to be '${expectedScope ?? ''}' but was '${targetElement.flowScopeId ?? ''}'. The flow scope of an element cannot be changed during migration yet.`;
    }
    if (state.incidents.forElementInstance(instance.key) !== undefined || (instance.jobKey > 0 && state.incidents.forJob(instance.jobKey) !== undefined)) {
      return `${prefix} active element with id '${id}' has an incident. Elements cannot be migrated with an incident yet. Please retry migration after resolving the incident.`;
    }
  }
  return undefined;
}

function migrated(value: ProcessInstanceValue, target: ProcessValue, elementId: string): ProcessInstanceValue {
  return { ...value, elementId, bpmnProcessId: target.bpmnProcessId, processDefinitionKey: target.processDefinitionKey, version: target.version };
}

export const migrateProcessInstanceProcessor: CommandProcessor<'PROCESS_INSTANCE_MIGRATION'> = (command, ctx) => {
  const value = command.value;
  const root = ctx.state.elementInstances.get(value.processInstanceKey);
  if (!root || root.value.bpmnElementType !== 'PROCESS') {
    ctx.reject('NOT_FOUND', `Expected to migrate process instance but no process instance found with key '${value.processInstanceKey}'`);
    return;
  }
  const targetProcess = ctx.state.deployments.processByKey(value.targetProcessDefinitionKey);
  const target = targetProcess ? ctx.state.models.get(targetProcess.processDefinitionKey) : undefined;
  const source = ctx.state.models.get(root.value.processDefinitionKey);
  if (!targetProcess || !target || !source) {
    ctx.reject('NOT_FOUND', `Expected to migrate process instance to process definition but no process definition found with key '${value.targetProcessDefinitionKey}'`);
    return;
  }
  const mapping = new Map<string, string>();
  for (const instruction of value.mappingInstructions) {
    if (!source.elements.has(instruction.sourceElementId)) {
      ctx.reject('INVALID_ARGUMENT', `Expected to migrate process instance '${root.key}' but mapping instructions contain a non-existing source element id '${instruction.sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`);
      return;
    }
    if (!target.elements.has(instruction.targetElementId)) {
      ctx.reject('INVALID_ARGUMENT', `Expected to migrate process instance '${root.key}' but mapping instructions contain a non-existing target element id '${instruction.targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`);
      return;
    }
    if (mapping.has(instruction.sourceElementId)) {
      ctx.reject('INVALID_ARGUMENT', `Expected to migrate process instance '${root.key}' but the mapping instructions contain duplicate source element ids '[${instruction.sourceElementId}]'.`);
      return;
    }
    mapping.set(instruction.sourceElementId, instruction.targetElementId);
  }
  const reason = check(ctx.state, root, source, target, mapping);
  if (reason) {
    ctx.reject('INVALID_STATE', reason);
    return;
  }
  ctx.event(root.key, 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED', migrated(root.value, targetProcess, targetProcess.bpmnProcessId));
  for (const instance of instancesOf(ctx.state, root.key)) {
    const targetId = mapping.get(instance.value.elementId)!;
    ctx.event(instance.key, 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED', migrated(instance.value, targetProcess, targetId));
    const job = instance.jobKey > 0 ? ctx.state.jobs.get(instance.jobKey) : undefined;
    if (job) {
      ctx.event(job.key, 'JOB', 'MIGRATED', {
        ...job.value,
        elementId: targetId,
        bpmnProcessId: targetProcess.bpmnProcessId,
        processDefinitionKey: targetProcess.processDefinitionKey,
        processDefinitionVersion: targetProcess.version,
      });
    }
  }
  ctx.event(root.key, 'PROCESS_INSTANCE_MIGRATION', 'MIGRATED', { ...value, tenantId: root.value.tenantId });
  ctx.respond({});
};
