/**
 * Inclusive gateway. Fork: takes every outgoing flow whose condition is true (and every flow without
 * a condition), else the default flow; with neither, a CONDITION_ERROR incident. Join: activated once
 * every incoming flow either has a token or can no longer get one (see `inclusiveJoinComplete`); an
 * activation that finds no token left (another activation joined them) or a path still open is
 * rejected, as Zeebe's state transition guard does; one asked for by an instruction is activated at once.
 */
import { leafProcessor } from '../leaf-processor.ts';
import { inclusiveJoinComplete, isInclusiveJoin } from './inclusive-join.ts';

/**
 * Keys of inclusive joins an activate or start instruction asked for. Such a join is activated at once (Zeebe
 * counts its incoming flows as taken for an instruction), not held by the join guard, which would reject it and
 * leave a scope created for it empty. Transient: set and taken within one batch (replay applies events only).
 */
const instructed = new Set<number>();

/** Marks the pending activation of an element instance as asked for by a modification or start instruction. */
export function activatedByInstruction(elementInstanceKey: number): void {
  instructed.add(elementInstanceKey);
}

export const inclusiveGatewayProcessor = leafProcessor((element, bpmn) => {
  const { state } = bpmn.ctx;
  const byInstruction = instructed.delete(element.key);
  // A join re-activated after an incident was resolved already holds its instance: no guard then.
  if (isInclusiveJoin(element.element) && !state.elementInstances.get(element.key) && !byInstruction) {
    const pending = state.elementInstances.get(element.value.flowScopeKey)?.pendingFlows?.get(element.element.id);
    if (!pending || ![...pending.values()].some((count) => count > 0)) {
      bpmn.ctx.reject('INVALID_STATE', `Expected to be able to activate inclusive gateway '${element.element.id}', but the inclusive gateway was already activated.`);
      return;
    }
    if (!inclusiveJoinComplete(state, element.value.flowScopeKey, element.element)) {
      bpmn.ctx.reject('INVALID_STATE', `Expected to be able to activate inclusive gateway '${element.element.id}', but not all satisfied sequence flows have been taken.`);
      return;
    }
  }
  bpmn.forkByConditions(element, 'all');
});
