/**
 * The process itself: starts at its none start event, completes when no path is left, terminates its
 * children. Its event sub-processes wait for their events while it is active (opened when its start
 * event completes, closed when it completes or terminates); an interrupting one starts once the other paths are gone.
 * When it ends, a message buffered for the correlation key that started it may start the next instance.
 */
import type { BpmnContainerProcessor } from '../element-processor.ts';
import { heldCorrelationKey, startNextBufferedInstance } from '../../message/start-by-message.ts';
import { calledInstanceCompleted, calledInstanceTerminated } from './called-instance.ts';

export const processProcessor: BpmnContainerProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    // Its event sub-processes' start events are opened when its start event completes (start-event-processor.ts).
    bpmn.transitions.activated(element);
    const start = bpmn.ctx.state.models.element(element.value.processDefinitionKey, element.element.noneStartEventId ?? '');
    if (start) bpmn.flows.activate(element.value, element.key, start);
  },
  onComplete(element, bpmn) {
    bpmn.events.unsubscribe(element.key);
    bpmn.transitions.completing(element);
    const piKey = element.key;
    const awaited = bpmn.ctx.hooks.awaitsResult(piKey);
    const variables = awaited ? bpmn.ctx.state.variables.collect(piKey) : {};
    const childVariables = element.value.parentElementInstanceKey > 0 ? bpmn.ctx.state.variables.collect(piKey) : {};
    const held = heldCorrelationKey(bpmn.ctx, piKey, element.value.bpmnProcessId);
    bpmn.compensations.deleteAll(piKey);
    bpmn.transitions.completed(element);
    calledInstanceCompleted(element, childVariables, bpmn);
    startNextBufferedInstance(bpmn.ctx, held, element.value.bpmnProcessId);
    if (awaited) bpmn.ctx.afterCommit(() => bpmn.ctx.hooks.resolveResult(piKey, variables));
  },
  onTerminate(element, bpmn) {
    bpmn.transitions.terminating(element);
    bpmn.events.unsubscribe(element.key);
    bpmn.compensations.deleteAll(element.key);
    const instance = bpmn.ctx.state.elementInstances.get(element.key);
    bpmn.incidents.resolveAll(element.key, 0);
    if (!instance || instance.childCount === 0) {
      const held = heldCorrelationKey(bpmn.ctx, element.key, element.value.bpmnProcessId);
      bpmn.transitions.terminated(element);
      calledInstanceTerminated(element, bpmn);
      startNextBufferedInstance(bpmn.ctx, held, element.value.bpmnProcessId);
      return;
    }
    for (const child of instance.children) bpmn.transitions.terminateElement(child);
  },
  onChildLeft(scope, bpmn) {
    const instance = bpmn.ctx.state.elementInstances.get(scope.key);
    if (!instance || instance.childCount > 0) return;
    if (instance.state === 'ELEMENT_TERMINATING') {
      const held = heldCorrelationKey(bpmn.ctx, scope.key, scope.value.bpmnProcessId);
      bpmn.transitions.terminated(scope);
      calledInstanceTerminated(scope, bpmn);
      startNextBufferedInstance(bpmn.ctx, held, scope.value.bpmnProcessId);
    } else if (instance.state === 'ELEMENT_ACTIVATED') {
      if (bpmn.eventSubProcesses.activatePending(scope)) return;
      if (instance.activeFlows === 0) bpmn.transitions.completeElement(scope);
    }
  },
};
