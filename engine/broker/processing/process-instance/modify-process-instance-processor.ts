/**
 * PROCESS_INSTANCE_MODIFICATION MODIFY (ModifyProcessInstance): activates elements — reusing or
 * creating the flow scopes they need, with the instruction's variables — and then terminates
 * element instances (and the flow scopes that leaves empty), as Zeebe does. 退回 (send back) is
 * "terminate the current task, activate the earlier one".
 */
import type { ModificationActivateInstructionValue, ProcessInstanceValue } from '../../protocol/record.ts';
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { BpmnBehaviors } from '../bpmn/behavior/bpmn-behaviors.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { activateElement } from './activation/element-activation.ts';
import { isResolveFailure, resolveFlowScopes, stateView } from './activation/flow-scope-resolver.ts';
import { isRejection, planModification, type PlannedActivation } from './modification-plan.ts';

/** Carries out one validated activate instruction; the instruction with the keys of the flow scopes it used. */
function activate(bpmn: BpmnBehaviors, processInstance: ProcessInstanceValue, planned: PlannedActivation): ModificationActivateInstructionValue {
  const { instruction, element, levels } = planned;
  const steps = resolveFlowScopes(stateView(bpmn.ctx.state), processInstance.processInstanceKey, levels, instruction.ancestorScopeKey);
  if (isResolveFailure(steps)) throw new Error(`modification of '${processInstance.processInstanceKey}': the flow scopes of '${element.id}' no longer resolve (${steps.kind})`);
  const processId = processInstance.bpmnProcessId;
  const keys = activateElement(bpmn, processInstance, element, steps, (elementId, scopeKey) => {
    for (const variables of instruction.variableInstructions) {
      if (variables.elementId === elementId || (variables.elementId === '' && elementId === processId)) bpmn.variables.mergeLocal(scopeKey, variables.variables, processInstance);
    }
  });
  return { ...instruction, ancestorScopeKeys: keys.flowScopeKeys };
}

export const modifyProcessInstanceProcessor: CommandProcessor<'PROCESS_INSTANCE_MODIFICATION'> = (command, ctx) => {
  const plan = planModification(ctx.state, command.value);
  if (isRejection(plan)) {
    ctx.reject(plan.type, plan.reason);
    return;
  }
  const bpmn = bpmnBehaviors(ctx);
  const processInstance = plan.processInstance.value;
  const activateInstructions = plan.activations.map((planned) => activate(bpmn, processInstance, planned));
  for (const key of plan.terminations) bpmn.transitions.terminateElement(key);
  ctx.event(plan.processInstance.key, 'PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', {
    ...command.value,
    activateInstructions,
    tenantId: processInstance.tenantId,
  });
  ctx.respond({});
};
