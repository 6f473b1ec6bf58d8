/**
 * When an inclusive gateway may join: every incoming flow has a token, or no token still in the
 * scope (an active element instance, or a taken flow whose target is not active yet) can reach
 * the flow without passing through the gateway.
 */
import type { ExecutableElement, ExecutableProcess } from '../../../model/index.ts';
import type { ReadonlyEngineState } from '../../../state/engine-state.ts';

/** Element ids reachable from a start element inside one scope, not passing through `stop`. */
function reachableFlows(model: ExecutableProcess, startId: string, stopId: string): Set<string> {
  const flows = new Set<string>();
  const seen = new Set<string>();
  const queue = [startId];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id) || id === stopId) continue;
    seen.add(id);
    for (const flowId of model.elements.get(id)?.outgoing ?? []) {
      flows.add(flowId);
      const flow = model.sequenceFlows.get(flowId);
      if (flow) queue.push(flow.targetId);
    }
  }
  return flows;
}

/** Whether the inclusive join `target` in scope `scopeKey` can be activated now. */
export function inclusiveJoinComplete(state: ReadonlyEngineState, scopeKey: number, target: ExecutableElement): boolean {
  const scope = state.elementInstances.get(scopeKey);
  const model = scope ? state.models.get(scope.value.processDefinitionKey) : undefined;
  if (!scope || !model) return false;
  const pending = scope.pendingFlows?.get(target.id);
  const missing = target.incoming.filter((flowId) => (pending?.get(flowId) ?? 0) === 0);
  if (missing.length === target.incoming.length) return false;
  if (missing.length === 0) return true;
  const tokens: string[] = [];
  for (const child of scope.children) {
    const instance = state.elementInstances.get(child);
    if (instance) tokens.push(instance.value.elementId);
  }
  for (const [elementId, flows] of scope.pendingFlows ?? []) {
    if (elementId !== target.id && [...flows.values()].some((count) => count > 0)) tokens.push(elementId);
  }
  return !tokens.some((elementId) => {
    const reachable = reachableFlows(model, elementId, target.id);
    return missing.some((flowId) => reachable.has(flowId));
  });
}
