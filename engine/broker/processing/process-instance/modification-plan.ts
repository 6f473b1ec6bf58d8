/**
 * Validates a process instance modification and plans it: where each activated element goes
 * (an existing flow scope instance, plus the flow scopes to create below it) and which element
 * instances end up terminated. Rejection texts follow Zeebe's ProcessInstanceModification processor.
 */
import type { ExecutableElement, ExecutableProcess } from '../../model/index.ts';
import type { RejectionType } from '../../protocol/intents.ts';
import type { ModificationActivateInstructionValue, ProcessInstanceModificationValue } from '../../protocol/record.ts';
import type { ElementInstance } from '../../state/element-instance-state.ts';
import type { ReadonlyEngineState } from '../../state/engine-state.ts';

/** Where one activate instruction puts its element. */
export interface PlannedActivation {
  readonly instruction: ModificationActivateInstructionValue;
  readonly element: ExecutableElement;
  /** Existing element instance the new instances are created under. */
  readonly baseScopeKey: number;
  /** Flow-scope elements to create between the base scope and the element, outermost first. */
  readonly scopesToCreate: readonly ExecutableElement[];
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
const ACTIVE = new Set(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);

const invalid = (reason: string): ModificationRejection => ({ type: 'INVALID_ARGUMENT', reason });
const quoted = (items: readonly (string | number)[]): string => items.map((i) => `'${i}'`).join(', ');

/** Active element instances of a process instance (the instance itself included). */
export function activeInstances(state: ReadonlyEngineState, processInstanceKey: number): Readonly<ElementInstance>[] {
  const out: Readonly<ElementInstance>[] = [];
  const walk = (key: number): void => {
    const instance = state.elementInstances.get(key);
    if (!instance) return;
    out.push(instance);
    for (const child of instance.children) walk(child);
  };
  walk(processInstanceKey);
  return out.filter((i) => ACTIVE.has(i.state));
}

/** Element ids of the flow scopes of an element, outermost (the process) first. */
function flowScopeChain(model: ExecutableProcess, element: ExecutableElement): ExecutableElement[] {
  const chain: ExecutableElement[] = [];
  for (let id = element.flowScopeId; id !== null; ) {
    const scope = model.elements.get(id);
    if (!scope) break;
    chain.unshift(scope);
    id = scope.flowScopeId;
  }
  return chain;
}

/** Keys of an element instance and all its ancestors. */
function ancestry(state: ReadonlyEngineState, key: number): number[] {
  const keys: number[] = [];
  for (let k = key; k > 0; ) {
    const instance = state.elementInstances.get(k);
    if (!instance) break;
    keys.push(k);
    k = instance.value.flowScopeKey;
  }
  return keys;
}

/** Validates a modification against state and plans it; a string-typed rejection when it cannot be done. */
export function planModification(
  state: ReadonlyEngineState,
  value: ProcessInstanceModificationValue,
): ModificationPlan | ModificationRejection {
  const processInstance = state.elementInstances.get(value.processInstanceKey);
  if (!processInstance || processInstance.value.bpmnElementType !== 'PROCESS') {
    return { type: 'NOT_FOUND', reason: `Expected to modify process instance but no process instance found with key '${value.processInstanceKey}'` };
  }
  const model = state.models.get(processInstance.value.processDefinitionKey);
  if (!model) return { type: 'NOT_FOUND', reason: `Expected to find the process definition of instance '${value.processInstanceKey}', but none found` };
  const processId = model.bpmnProcessId;
  const prefix = `Expected to modify instance of process '${processId}' but it contains one or more`;

  const missing = value.activateInstructions.filter((i) => !model.elements.has(i.elementId) && !model.sequenceFlows.has(i.elementId));
  if (missing.length > 0) return invalid(`${prefix} activate instructions with an element that could not be found: ${quoted(missing.map((i) => i.elementId))}`);
  for (const instruction of value.activateInstructions) {
    const type = model.elements.get(instruction.elementId)?.type ?? 'SEQUENCE_FLOW';
    if (UNSUPPORTED_TYPES.has(type)) {
      return invalid(
        `${prefix} activate instructions for elements that are unsupported: '${instruction.elementId}'. The activation of elements with type '${type}' is not supported.`,
      );
    }
  }
  const live = activeInstances(state, value.processInstanceKey);
  const belongs = (key: number): boolean => state.elementInstances.get(key)?.value.processInstanceKey === value.processInstanceKey;
  const unknownTerminations = value.terminateInstructions.filter((t) => !belongs(t.elementInstanceKey));
  if (unknownTerminations.length > 0) {
    return invalid(`${prefix} terminate instructions with an element instance that could not be found: ${quoted(unknownTerminations.map((t) => t.elementInstanceKey))}`);
  }
  const terminated = new Set(value.terminateInstructions.map((t) => t.elementInstanceKey));

  const activations: PlannedActivation[] = [];
  for (const instruction of value.activateInstructions) {
    const element = model.elements.get(instruction.elementId)!;
    const chain = flowScopeChain(model, element);
    for (const variables of instruction.variableInstructions) {
      if (variables.elementId === '') continue;
      if (!model.elements.has(variables.elementId)) {
        return invalid(`${prefix} variable instructions with a scope element id that could not be found: '${variables.elementId}'`);
      }
      if (variables.elementId !== element.id && !chain.some((scope) => scope.id === variables.elementId)) {
        return invalid(
          `${prefix} variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.`,
        );
      }
    }
    let baseScopeKey: number;
    let scopesToCreate: ExecutableElement[];
    if (instruction.ancestorScopeKey > 0) {
      const ancestor = state.elementInstances.get(instruction.ancestorScopeKey);
      if (!ancestor || !ACTIVE.has(ancestor.state)) {
        return invalid(`${prefix} activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${instruction.ancestorScopeKey}'`);
      }
      if (ancestor.value.processInstanceKey !== value.processInstanceKey) {
        return invalid(`${prefix} activate instructions with an ancestor scope key that does not belong to the modified process instance: '${instruction.ancestorScopeKey}'`);
      }
      const index = ancestor.value.bpmnElementType === 'MULTI_INSTANCE_BODY' ? -1 : chain.findIndex((scope) => scope.id === ancestor.value.elementId);
      if (index < 0) {
        return invalid(
          `${prefix} activate instructions with an ancestor scope key that is not an ancestor of the element to activate: '${instruction.ancestorScopeKey}' (element '${ancestor.value.elementId}') is not an ancestor of '${element.id}'`,
        );
      }
      baseScopeKey = ancestor.key;
      scopesToCreate = chain.slice(index + 1);
    } else {
      baseScopeKey = value.processInstanceKey;
      scopesToCreate = chain.slice(1);
      for (let j = chain.length - 1; j >= 1; j--) {
        const candidates = live.filter((i) => i.value.elementId === chain[j]!.id && i.value.bpmnElementType !== 'MULTI_INSTANCE_BODY');
        if (candidates.length > 1) {
          return invalid(
            `${prefix} activate instructions for an element that has a flow scope with more than one active instance: '${chain[j]!.id}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`,
          );
        }
        if (candidates.length === 1) {
          baseScopeKey = candidates[0]!.key;
          scopesToCreate = chain.slice(j + 1);
          break;
        }
      }
    }
    const multiInstance = scopesToCreate.find((scope) => scope.multiInstance);
    if (multiInstance) {
      return invalid(
        `Expected to modify instance of process '${processId}' but it contains one or more activate instructions that would result in the activation of multi-instance element '${multiInstance.id}', which is currently unsupported.`,
      );
    }
    const conflict = ancestry(state, baseScopeKey).find((key) => terminated.has(key));
    if (conflict !== undefined) {
      return invalid(
        `${prefix} activate instructions for elements whose required flow scope instance is also being terminated: element '${element.id}' requires flow scope instance '${conflict}' which is being terminated. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`,
      );
    }
    activations.push({ instruction, element, baseScopeKey, scopesToCreate });
  }

  return { processInstance, model, activations, terminations: widenTerminations(state, terminated, activations) };
}

/**
 * Zeebe terminates a flow scope that the modification leaves without any active child (instead of
 * letting it complete); this widens each termination to the outermost such scope.
 */
function widenTerminations(state: ReadonlyEngineState, requested: ReadonlySet<number>, activations: readonly PlannedActivation[]): number[] {
  const targets = new Set(requested);
  const receiving = new Set(activations.flatMap((a) => ancestry(state, a.baseScopeKey)));
  let changed = true;
  while (changed) {
    changed = false;
    for (const key of [...targets]) {
      const scopeKey = state.elementInstances.get(key)?.value.flowScopeKey ?? -1;
      const scope = state.elementInstances.get(scopeKey);
      if (!scope || targets.has(scopeKey) || receiving.has(scopeKey) || scope.activeFlows > 0) continue;
      if ([...scope.children].every((child) => targets.has(child))) {
        targets.add(scopeKey);
        changed = true;
      }
    }
  }
  return [...targets].filter((key) => !ancestry(state, key).slice(1).some((ancestor) => targets.has(ancestor)));
}

/** Narrows a plan-or-rejection. */
export function isRejection(result: ModificationPlan | ModificationRejection): result is ModificationRejection {
  return 'reason' in result;
}
