/**
 * Inclusive gateway. Fork: takes every outgoing flow whose condition is true (and every flow without
 * a condition), else the default flow; with neither, a CONDITION_ERROR incident. Join: activated once
 * every incoming flow either has a token or can no longer get one (see `inclusiveJoinComplete`); an
 * activation that finds no token left (another activation joined them) or a path still open is
 * rejected, as Zeebe's state transition guard does.
 */
import { leafProcessor } from '../leaf-processor.ts';
import { inclusiveJoinComplete, isInclusiveJoin } from './inclusive-join.ts';

export const inclusiveGatewayProcessor = leafProcessor((element, bpmn) => {
  const { state } = bpmn.ctx;
  // A join re-activated after an incident was resolved already holds its instance: no guard then.
  if (isInclusiveJoin(element.element) && !state.elementInstances.get(element.key)) {
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
