/**
 * PROCESS_INSTANCE_MODIFICATION MODIFY (ModifyProcessInstance): activates elements — creating the
 * flow scopes they need, with the instruction's variables — and then terminates element instances,
 * as Zeebe does. 退回 (send back) is "terminate the current task, activate the earlier one".
 */
import type { ExecutableElement } from '../../model/index.ts';
import type { ModificationActivateInstructionValue, ProcessInstanceValue } from '../../protocol/record.ts';
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { BpmnBehaviors } from '../bpmn/behavior/bpmn-behaviors.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { isRejection, planModification, type PlannedActivation } from './modification-plan.ts';

function flowScopeValue(template: ProcessInstanceValue, scope: ExecutableElement, flowScopeKey: number): ProcessInstanceValue {
  return { ...template, elementId: scope.id, bpmnElementType: scope.type, bpmnEventType: scope.eventType, flowScopeKey };
}

/** Creates the missing flow scopes (activated, without starting their start events), then asks for the element's activation. */
function activate(bpmn: BpmnBehaviors, template: ProcessInstanceValue, planned: PlannedActivation): ModificationActivateInstructionValue {
  const ctx = bpmn.ctx;
  const scopeKeys = new Map<string, number>();
  const ancestorScopeKeys: number[] = [];
  for (let key = planned.baseScopeKey; key > 0; ) {
    const instance = ctx.state.elementInstances.get(key);
    if (!instance) break;
    ancestorScopeKeys.push(key);
    if (!scopeKeys.has(instance.value.elementId)) scopeKeys.set(instance.value.elementId, key);
    key = instance.value.flowScopeKey;
  }
  let scopeKey = planned.baseScopeKey;
  for (const scope of planned.scopesToCreate) {
    const key = ctx.nextKey();
    const value = flowScopeValue(template, scope, scopeKey);
    ctx.event(key, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', value);
    ctx.event(key, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', value);
    // A created scope waits for its boundary events and event sub-processes like an activated one.
    bpmn.eventSubProcesses.subscribeActivated({ key, value, element: scope });
    scopeKeys.set(scope.id, key);
    ancestorScopeKeys.unshift(key);
    scopeKey = key;
  }
  const elementKey = bpmn.flows.activate(template, scopeKey, planned.element);
  scopeKeys.set(planned.element.id, elementKey);
  for (const instruction of planned.instruction.variableInstructions) {
    const target = instruction.elementId === '' ? template.processInstanceKey : (scopeKeys.get(instruction.elementId) ?? template.processInstanceKey);
    bpmn.variables.mergeLocal(target, instruction.variables, template);
  }
  return { ...planned.instruction, ancestorScopeKeys };
}

export const modifyProcessInstanceProcessor: CommandProcessor<'PROCESS_INSTANCE_MODIFICATION'> = (command, ctx) => {
  const plan = planModification(ctx.state, command.value);
  if (isRejection(plan)) {
    ctx.reject(plan.type, plan.reason);
    return;
  }
  const bpmn = bpmnBehaviors(ctx);
  const template = plan.processInstance.value;
  const activateInstructions = plan.activations.map((planned) => activate(bpmn, template, planned));
  for (const key of plan.terminations) bpmn.transitions.terminateElement(key);
  ctx.event(plan.processInstance.key, 'PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', {
    ...command.value,
    activateInstructions,
    tenantId: template.tenantId,
  });
  ctx.respond({});
};
