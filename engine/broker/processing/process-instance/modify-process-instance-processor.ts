/**
 * PROCESS_INSTANCE_MODIFICATION MODIFY (ModifyProcessInstance): activates elements — reusing or
 * creating the flow scopes they need, with the instruction's variables — and then terminates
 * element instances inline, in this batch (and the flow scopes that leaves empty), as Zeebe does. 退回 (send back) is
 * "terminate the current task, activate the earlier one".
 */
import type { ModificationActivateInstructionValue, ProcessInstanceValue } from '../../protocol/record.ts';
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { BpmnBehaviors } from '../bpmn/behavior/bpmn-behaviors.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { activateElement } from './activation/element-activation.ts';
import { isResolveFailure, resolveFlowScopes, stateView } from './activation/flow-scope-resolver.ts';
import { subscriptionFailure } from './activation/subscription-check.ts';
import { executeTerminations } from './modification-terminations.ts';
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

/** Zeebe's rejection when a scope an activation creates could not subscribe to its events (checked before anything is written). */
function subscriptionRejection(bpmn: BpmnBehaviors, processInstance: ProcessInstanceValue, activations: readonly PlannedActivation[]): string | undefined {
  for (const { instruction, steps } of activations) {
    const forScope = (id: string) =>
      Object.assign({}, ...instruction.variableInstructions.filter((v) => v.elementId === id || (id === processInstance.bpmnProcessId && v.elementId === '')).map((v) => v.variables)) as Record<string, unknown>;
    let visible: Record<string, unknown> = { ...bpmn.ctx.state.variables.collect(processInstance.processInstanceKey), ...forScope(processInstance.bpmnProcessId) };
    const instructed: Record<string, unknown>[] = [forScope(processInstance.bpmnProcessId)];
    for (const step of steps) {
      instructed.push(forScope(step.level.element.id));
      if (step.kind === 'reuse') {
        if (step.key > 0) visible = Object.assign({ ...bpmn.ctx.state.variables.collect(step.key) }, ...instructed);
        else visible = Object.assign(visible, instructed[instructed.length - 1]);
        continue;
      }
      visible = Object.assign(visible, instructed[instructed.length - 1]);
      const failure = subscriptionFailure(bpmn, processInstance.processDefinitionKey, step.level.element, visible);
      if (failure) return failure;
    }
  }
  return undefined;
}

export const modifyProcessInstanceProcessor: CommandProcessor<'PROCESS_INSTANCE_MODIFICATION'> = (command, ctx) => {
  const plan = planModification(ctx.state, command.value);
  if (isRejection(plan)) {
    ctx.reject(plan.type, plan.reason);
    return;
  }
  const bpmn = bpmnBehaviors(ctx);
  const processInstance = plan.processInstance.value;
  const failure = subscriptionRejection(bpmn, processInstance, plan.activations);
  if (failure) {
    ctx.reject('INVALID_ARGUMENT', failure);
    return;
  }
  const activateInstructions = plan.activations.map((planned) => activate(bpmn, processInstance, planned));
  const required = new Set(activateInstructions.flatMap((instruction) => instruction.ancestorScopeKeys));
  executeTerminations(
    bpmn,
    command.value.terminateInstructions.map((t) => t.elementInstanceKey),
    required,
  );
  ctx.event(plan.processInstance.key, 'PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', {
    ...command.value,
    activateInstructions,
    tenantId: processInstance.tenantId,
  });
  ctx.respond({});
};
