/**
 * Which element instances a modification terminates. Zeebe terminates each named instance and then
 * every flow scope the modification leaves without an active child, without pending flows and not
 * needed by an activation (up to the process instance itself), instead of letting it complete.
 */
import type { ReadonlyEngineState } from '../../state/engine-state.ts';
import type { BpmnBehaviors } from '../bpmn/behavior/bpmn-behaviors.ts';
import { processorFor } from '../bpmn/bpmn-element-processors.ts';

/** Keys of an element instance's ancestors (itself excluded). */
function ancestorsOf(state: ReadonlyEngineState, key: number): number[] {
  const keys: number[] = [];
  for (let k = state.elementInstances.get(key)?.value.flowScopeKey ?? -1; k > 0; k = state.elementInstances.get(k)?.value.flowScopeKey ?? -1) keys.push(k);
  return keys;
}

/**
 * Widens the requested terminations to the flow scopes they empty; `receiving` are the scope
 * instances that get an activated element. Returns only the outermost instances (terminating a
 * scope terminates what is inside it).
 */
export function widenTerminations(state: ReadonlyEngineState, requested: ReadonlySet<number>, receiving: ReadonlySet<number>): number[] {
  const targets = new Set(requested);
  let changed = true;
  while (changed) {
    changed = false;
    for (const key of [...targets]) {
      const scopeKey = state.elementInstances.get(key)?.value.flowScopeKey ?? -1;
      const scope = state.elementInstances.get(scopeKey);
      if (!scope || targets.has(scopeKey) || receiving.has(scopeKey) || scope.activeFlows > 0) continue;
      const covered = (child: number): boolean => targets.has(child) || ancestorsOf(state, child).some((a) => targets.has(a));
      if ([...scope.children].every(covered)) {
        targets.add(scopeKey);
        changed = true;
      }
    }
  }
  return [...targets].filter((key) => !ancestorsOf(state, key).some((ancestor) => targets.has(ancestor)));
}

/** Zeebe's canTerminate: an instance still running (not already terminating or gone). */
function canTerminate(bpmn: BpmnBehaviors, key: number): boolean {
  const state = bpmn.ctx.state.elementInstances.get(key)?.state;
  return state === 'ELEMENT_ACTIVATING' || state === 'ELEMENT_ACTIVATED' || state === 'ELEMENT_COMPLETING';
}

/**
 * Terminates one element instance and everything inside it within the current batch, through the
 * element processors' own termination (the same code TERMINATE_ELEMENT runs): a container's
 * children and a call activity's called process instance are queued instead of getting a
 * TERMINATE_ELEMENT command and are terminated right away, last queued first (Zeebe's stack), so
 * the log holds ELEMENT_TERMINATING, the element's cleanup (job canceled, subscriptions closed,
 * incidents resolved), its children, then ELEMENT_TERMINATED.
 */
function terminateInline(bpmn: BpmnBehaviors, key: number, required: ReadonlySet<number>): void {
  const queue = [key];
  bpmn.transitions.inlineTermination = { queue, required };
  try {
    while (queue.length > 0) {
      const next = queue.pop()!;
      const element = canTerminate(bpmn, next) ? bpmn.elementContext(next) : undefined;
      if (element) processorFor(element.value.bpmnElementType)?.onTerminate(element, bpmn);
    }
  } finally {
    bpmn.transitions.inlineTermination = undefined;
  }
}

/**
 * Carries out a modification's terminate instructions as Zeebe's modification processor does, in
 * the modification's batch: each named instance (unless an earlier instruction already ended it),
 * then its flow scopes bottom-up while they are left without children and pending flows and no
 * activation of this modification uses them (`required`: the activations' flow scope keys), up to
 * the process instance, which then ends TERMINATED.
 */
export function executeTerminations(bpmn: BpmnBehaviors, requested: readonly number[], required: ReadonlySet<number>): void {
  const instances = bpmn.ctx.state.elementInstances;
  for (const key of requested) {
    if (!canTerminate(bpmn, key)) continue;
    let scopeKey = instances.get(key)!.value.flowScopeKey;
    terminateInline(bpmn, key, required);
    for (let scope = instances.get(scopeKey); scope && canTerminate(bpmn, scopeKey) && scope.childCount === 0 && scope.activeFlows === 0 && !required.has(scopeKey); scope = instances.get(scopeKey)) {
      const outer = scope.value.flowScopeKey;
      terminateInline(bpmn, scopeKey, required);
      scopeKey = outer;
    }
  }
}
