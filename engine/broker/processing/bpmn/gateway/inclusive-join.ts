/**
 * When a converging inclusive gateway may join (Zeebe 8.6+ rule, docs "Inclusive gateway"): every
 * incoming sequence flow was taken, or at least one was and no path leads from any token still in
 * the flow scope to the gateway. Tokens are the active element instances of the scope and the taken
 * sequence flows whose target has not been activated yet; a path follows outgoing sequence flows,
 * the boundary events of activities and link events, and does not pass an incoming flow of the
 * gateway that already holds a token (each incoming flow needs to be taken only once).
 */
import type { ExecutableElement, ExecutableProcess } from '../../../model/index.ts';
import type { ReadonlyEngineState } from '../../../state/engine-state.ts';

/** Whether a converging gateway (more than one incoming flow) joins tokens. */
export function isInclusiveJoin(element: ExecutableElement): boolean {
  return element.type === 'INCLUSIVE_GATEWAY' && element.incoming.length > 1;
}

/** Link catch events a link throw event continues at (same link name in the same flow scope). */
function linkTargets(model: ExecutableProcess, throwEvent: ExecutableElement): ExecutableElement[] {
  const name = throwEvent.linkName;
  const scope = throwEvent.flowScopeId ? model.elements.get(throwEvent.flowScopeId) : undefined;
  const siblings = scope ? scope.childIds : [...model.elements.keys()];
  const targets: ExecutableElement[] = [];
  for (const id of siblings ?? []) {
    const candidate = model.elements.get(id);
    if (candidate?.type === 'INTERMEDIATE_CATCH_EVENT' && candidate.eventType === 'LINK' && candidate.linkName === name) targets.push(candidate);
  }
  return targets;
}

/** Whether a path leads from element `fromId` to `gateway` without passing an already-taken incoming flow of the gateway. */
function hasPath(model: ExecutableProcess, fromId: string, gateway: ExecutableElement, taken: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const queue = [fromId];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (id === gateway.id) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const element = model.elements.get(id);
    if (!element) continue;
    for (const flowId of element.outgoing) {
      if (taken.has(flowId)) continue;
      const flow = model.sequenceFlows.get(flowId);
      if (flow) queue.push(flow.targetId);
    }
    for (const boundaryId of element.boundaryEventIds ?? []) queue.push(boundaryId);
    if (element.type === 'INTERMEDIATE_THROW_EVENT' && element.eventType === 'LINK') {
      for (const target of linkTargets(model, element)) queue.push(target.id);
    }
  }
  return false;
}

/** Whether the inclusive join `gateway` in scope `scopeKey` can be activated now. */
export function inclusiveJoinComplete(state: ReadonlyEngineState, scopeKey: number, gateway: ExecutableElement): boolean {
  const scope = state.elementInstances.get(scopeKey);
  const model = scope ? state.models.get(scope.value.processDefinitionKey) : undefined;
  if (!scope || !model) return false;
  const pending = scope.pendingFlows?.get(gateway.id);
  const taken = new Set(gateway.incoming.filter((flowId) => (pending?.get(flowId) ?? 0) > 0));
  if (taken.size === 0) return false;
  if (taken.size === gateway.incoming.length) return true;
  const tokens = new Set<string>();
  for (const child of scope.children) {
    const instance = state.elementInstances.get(child);
    if (instance && instance.value.elementId !== gateway.id) tokens.add(instance.value.elementId);
  }
  for (const [elementId, flows] of scope.pendingFlows ?? []) {
    if (elementId !== gateway.id && [...flows.values()].some((count) => count > 0)) tokens.add(elementId);
  }
  for (const elementId of tokens) if (hasPath(model, elementId, gateway, taken)) return false;
  return true;
}

/**
 * Inclusive joins of a scope that hold a token and may join now (a path to them ended or moved
 * away). Gateways in `skip` (activations already written by this command) are left out.
 */
export function readyInclusiveJoins(state: ReadonlyEngineState, scopeKey: number, skip: ReadonlySet<string>): ExecutableElement[] {
  const scope = state.elementInstances.get(scopeKey);
  if (!scope?.pendingFlows || scope.state !== 'ELEMENT_ACTIVATED' || scope.interrupted) return [];
  const ready: ExecutableElement[] = [];
  for (const [elementId, flows] of scope.pendingFlows) {
    if (skip.has(elementId) || ![...flows.values()].some((count) => count > 0)) continue;
    const gateway = state.models.element(scope.value.processDefinitionKey, elementId);
    if (gateway && isInclusiveJoin(gateway) && inclusiveJoinComplete(state, scopeKey, gateway)) ready.push(gateway);
  }
  return ready;
}
