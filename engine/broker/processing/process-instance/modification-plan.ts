/**
 * Validates a process instance modification and plans it, in the order of Zeebe's
 * ProcessInstanceModification processor and with its rejection texts: which element each activate
 * instruction activates (its flow scopes are resolved again when the plan is carried out, against
 * the state the earlier instructions left) and which element instances end up terminated.
 */
import type { ExecutableElement, ExecutableProcess } from '../../model/index.ts';
import type { RejectionType } from '../../protocol/intents.ts';
import type { ModificationActivateInstructionValue, ProcessInstanceModificationValue } from '../../protocol/record.ts';
import type { ElementInstance } from '../../state/element-instance-state.ts';
import type { ReadonlyEngineState } from '../../state/engine-state.ts';
import { isResolveFailure, PlannedView, resolveFlowScopes, scopeLevels, stateView, type LevelStep, type ScopeLevel } from './activation/flow-scope-resolver.ts';
import { widenTerminations } from './modification-terminations.ts';

/** One activate instruction, validated. */
export interface PlannedActivation {
  readonly instruction: ModificationActivateInstructionValue;
  readonly element: ExecutableElement;
  /** The element's flow scopes below the process, outermost first. */
  readonly levels: readonly ScopeLevel[];
  /** How they resolved when planned (scopes created by an earlier instruction have negative keys). */
  readonly steps: readonly LevelStep[];
}

/** The validated plan. */
export interface ModificationPlan {
  readonly processInstance: Readonly<ElementInstance>;
  readonly model: ExecutableProcess;
  readonly activations: readonly PlannedActivation[];
  /** Element instances to terminate (already widened to emptied flow scopes), outermost kept only. */
  readonly terminations: readonly number[];
}

/** A rejection of the modification. */
export interface ModificationRejection {
  readonly type: RejectionType;
  readonly reason: string;
}

const UNSUPPORTED_TYPES = new Set(['UNSPECIFIED', 'START_EVENT', 'SEQUENCE_FLOW', 'BOUNDARY_EVENT', 'PROCESS']);
/** Zeebe's BpmnElementType order, without the unsupported ones (as Zeebe prints its EnumSet). */
const SUPPORTED_TYPES = [
  'PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'INTERMEDIATE_CATCH_EVENT', 'INTERMEDIATE_THROW_EVENT', 'END_EVENT', 'SERVICE_TASK',
  'RECEIVE_TASK', 'USER_TASK', 'MANUAL_TASK', 'TASK', 'EXCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'EVENT_BASED_GATEWAY', 'MULTI_INSTANCE_BODY',
  'CALL_ACTIVITY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK', 'INCLUSIVE_GATEWAY',
];
const ACTIVE = new Set(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);

const invalid = (reason: string): ModificationRejection => ({ type: 'INVALID_ARGUMENT', reason });
const joined = (items: readonly (string | number)[]): string => [...new Set(items)].join("', '");

/** Whether an element is a catch event after an event-based gateway. */
export function followsEventBasedGateway(model: ExecutableProcess, element: ExecutableElement): boolean {
  return element.incoming.some((flowId) => model.elements.get(model.sequenceFlows.get(flowId)?.sourceId ?? '')?.type === 'EVENT_BASED_GATEWAY');
}

/** Ids of the flow scopes of an element (the process included). */
function flowScopeIds(model: ExecutableProcess, element: ExecutableElement): string[] {
  const ids: string[] = [];
  for (let id = element.flowScopeId; id !== null; id = model.elements.get(id)?.flowScopeId ?? null) ids.push(id);
  return ids;
}

/** Keys of an element instance and all its ancestors. */
export function ancestry(state: ReadonlyEngineState, key: number): number[] {
  const keys: number[] = [];
  for (let k = key; k > 0; k = state.elementInstances.get(k)?.value.flowScopeKey ?? -1) {
    if (!state.elementInstances.get(k)) break;
    keys.push(k);
  }
  return keys;
}

/** The checks of the activate instructions that need no flow scope resolution, in Zeebe's order. */
function validateInstructions(state: ReadonlyEngineState, model: ExecutableProcess, value: ProcessInstanceModificationValue): ModificationRejection | undefined {
  const processId = model.bpmnProcessId;
  const prefix = `Expected to modify instance of process '${processId}' but it contains one or more`;
  const activates = value.activateInstructions;
  const missing = activates.filter((i) => !model.elements.has(i.elementId) && !model.sequenceFlows.has(i.elementId));
  if (missing.length > 0) return invalid(`${prefix} activate instructions with an element that could not be found: '${joined(missing.map((i) => i.elementId))}'`);
  const afterGateway = activates.map((i) => model.elements.get(i.elementId)).filter((e) => e !== undefined && followsEventBasedGateway(model, e));
  if (afterGateway.length > 0) {
    return invalid(`${prefix} activate instructions for elements that are unsupported: '${joined(afterGateway.map((e) => e!.id))}'. The activation of events belonging to an event-based gateway is not supported.`);
  }
  // Zeebe finds sequence flows by id too, and then names their type.
  const typed = activates.map((i) => ({ id: i.elementId, type: model.elements.get(i.elementId)?.type ?? 'SEQUENCE_FLOW' }));
  const unsupported = typed.filter((e) => UNSUPPORTED_TYPES.has(e.type));
  if (unsupported.length > 0) {
    return invalid(
      `${prefix} activate instructions for elements that are unsupported: '${joined(unsupported.map((e) => e.id))}'. The activation of elements with type '${joined(unsupported.map((e) => e.type))}' is not supported. Supported element types are: [${SUPPORTED_TYPES.join(', ')}].`,
    );
  }
  const elements = activates.map((i) => model.elements.get(i.elementId)!);
  const unknownTerminations = value.terminateInstructions.filter((t) => state.elementInstances.get(t.elementInstanceKey)?.value.processInstanceKey !== value.processInstanceKey);
  if (unknownTerminations.length > 0) {
    return invalid(`${prefix} terminate instructions with an element instance that could not be found: '${joined(unknownTerminations.map((t) => t.elementInstanceKey))}'`);
  }
  const scopeIds = activates.flatMap((i) => i.variableInstructions.map((v) => v.elementId)).filter((id) => id !== '');
  const unknownScopes = scopeIds.filter((id) => !model.elements.has(id));
  if (unknownScopes.length > 0) return invalid(`${prefix} variable instructions with a scope element id that could not be found: '${joined(unknownScopes)}'`);
  for (const [n, instruction] of activates.entries()) {
    const scopes = flowScopeIds(model, elements[n]!);
    if (instruction.variableInstructions.some((v) => v.elementId !== '' && v.elementId !== instruction.elementId && !scopes.includes(v.elementId))) {
      return invalid(
        `${prefix} variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.`,
      );
    }
  }
  const ancestors = [...new Set(activates.map((i) => i.ancestorScopeKey).filter((k) => k > 0))];
  const inactive = ancestors.filter((k) => !ACTIVE.has(state.elementInstances.get(k)?.state ?? 'ELEMENT_TERMINATED'));
  if (inactive.length > 0) return invalid(`${prefix} activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${joined(inactive)}'`);
  const foreign = ancestors.filter((k) => state.elementInstances.get(k)!.value.processInstanceKey !== value.processInstanceKey);
  if (foreign.length > 0) return invalid(`${prefix} activate instructions with an ancestor scope key that does not belong to the modified process instance: '${joined(foreign)}'`);
  const notAncestors = activates
    .map((instruction, n) => ({ instruction, ancestorId: state.elementInstances.get(instruction.ancestorScopeKey)?.value.elementId, scopes: flowScopeIds(model, elements[n]!) }))
    .filter(({ instruction, ancestorId, scopes }) => instruction.ancestorScopeKey > 0 && ancestorId !== undefined && !scopes.includes(ancestorId))
    .map(({ instruction, ancestorId }) => `\n- instance '${instruction.ancestorScopeKey}' of element '${ancestorId}' is not an ancestor of element '${instruction.elementId}'`);
  if (notAncestors.length > 0) return invalid(`${prefix} activate instructions with an ancestor scope key that is not an ancestor of the element to activate:${notAncestors.join('')}`);
  return undefined;
}

/** Validates a modification against state and plans it; a rejection when it cannot be done. */
export function planModification(state: ReadonlyEngineState, value: ProcessInstanceModificationValue): ModificationPlan | ModificationRejection {
  const processInstance = state.elementInstances.get(value.processInstanceKey);
  if (!processInstance || processInstance.value.bpmnElementType !== 'PROCESS') {
    return { type: 'NOT_FOUND', reason: `Expected to modify process instance but no process instance found with key '${value.processInstanceKey}'` };
  }
  const model = state.models.get(processInstance.value.processDefinitionKey);
  if (!model) return { type: 'NOT_FOUND', reason: `Expected to find the process definition of instance '${value.processInstanceKey}', but none found` };
  const rejection = validateInstructions(state, model, value);
  if (rejection) return rejection;
  const processId = model.bpmnProcessId;
  const terminated = new Set(value.terminateInstructions.map((t) => t.elementInstanceKey));

  // Zeebe's check that an activation does not need a flow scope instance being terminated.
  const conflicts: string[] = [];
  for (const instruction of value.activateInstructions) {
    const element = model.elements.get(instruction.elementId)!;
    let required = instruction.ancestorScopeKey;
    if (required <= 0 && element.flowScopeId !== processId) {
      required = [...processInstance.children].find((key) => state.elementInstances.get(key)?.value.elementId === element.flowScopeId) ?? -1;
    }
    if (required > 0 && terminated.has(required)) conflicts.push(`element '${element.id}' requires flow scope instance '${required}' which is being terminated`);
  }
  if (conflicts.length > 0) {
    return invalid(
      `Expected to modify instance of process '${processId}' but it contains one or more activate instructions for elements whose required flow scope instance is also being terminated: ${conflicts.join(', ')}. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`,
    );
  }

  // Resolve the flow scopes instruction by instruction, seeing the scopes earlier ones create.
  const view = new PlannedView(stateView(state));
  const activations: PlannedActivation[] = [];
  const receiving = new Set<number>();
  for (const instruction of value.activateInstructions) {
    const element = model.elements.get(instruction.elementId)!;
    const levels = scopeLevels(model, element);
    const steps = resolveFlowScopes(view, value.processInstanceKey, levels, instruction.ancestorScopeKey);
    if (isResolveFailure(steps)) {
      return invalid(
        steps.kind === 'multiple'
          ? `Expected to modify instance of process '${processId}' but it contains one or more activate instructions for an element that has a flow scope with more than one active instance: '${steps.flowScopeId}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`
          : `Expected to modify instance of process '${processId}' but it contains one or more activate instructions that would result in the activation of multi-instance element '${steps.elementId}', which is currently unsupported.`,
      );
    }
    receiving.add(value.processInstanceKey);
    for (const step of steps) if (step.kind === 'reuse') receiving.add(step.key);
    view.apply(value.processInstanceKey, steps);
    activations.push({ instruction, element, levels, steps });
  }

  const terminations = widenTerminations(state, terminated, receiving);
  if (terminations.includes(value.processInstanceKey) && processInstance.value.parentProcessInstanceKey > 0) {
    return invalid(
      `Expected to modify instance of process '${processId}' but the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.`,
    );
  }
  return { processInstance, model, activations, terminations };
}

/** Narrows a plan-or-rejection. */
export function isRejection(result: ModificationPlan | ModificationRejection): result is ModificationRejection {
  return 'reason' in result;
}
