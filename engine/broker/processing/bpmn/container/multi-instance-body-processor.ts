/**
 * Multi-instance body (Zeebe's MULTI_INSTANCE_BODY): evaluates the input collection, creates the
 * inner instances (see MultiInstanceBehavior), and on completion hands the output collection to its
 * flow scope and takes the activity's outgoing flows.
 */
import type { BpmnContainerProcessor } from '../element-processor.ts';
import { terminateContainer } from './container-termination.ts';

export const multiInstanceBodyProcessor: BpmnContainerProcessor = {
  onActivate(body, bpmn) {
    const properties = body.element.multiInstance!;
    bpmn.transitions.activating(body);
    const collection = bpmn.multiInstance.inputCollection(body);
    if (!collection.ok) {
      bpmn.incidents.create(body, 'EXTRACT_VALUE_ERROR', collection.message);
      return;
    }
    // Boundary events of a multi-instance activity belong to its body.
    const boundaries = bpmn.events.subscribe(body);
    if (!boundaries.ok) {
      bpmn.incidents.create(body, 'EXTRACT_VALUE_ERROR', boundaries.message);
      return;
    }
    bpmn.transitions.activated(body);
    const items = collection.value;
    if (properties.outputCollection) bpmn.variables.setLocal(body.key, properties.outputCollection, items.map(() => null), body.value);
    if (items.length === 0) {
      bpmn.transitions.completeElement(body);
      return;
    }
    if (properties.isSequential) bpmn.multiInstance.createInner(body, 1, items[0]);
    else items.forEach((item, index) => bpmn.multiInstance.createInner(body, index + 1, item));
  },
  onComplete(body, bpmn) {
    const properties = body.element.multiInstance!;
    bpmn.events.unsubscribe(body.key);
    bpmn.transitions.completing(body);
    if (properties.outputCollection) {
      const collected = bpmn.ctx.state.variables.local(body.key)?.get(properties.outputCollection)?.value ?? [];
      bpmn.variables.mergePropagating(body.value.flowScopeKey, { [properties.outputCollection]: collected }, body.value);
    }
    bpmn.compensations.createSubscription(body);
    bpmn.transitions.completed(body);
    bpmn.compensations.completeHandler(body);
    bpmn.flows.takeOutgoing(body);
  },
  onTerminate(body, bpmn) {
    terminateContainer(body, bpmn);
  },
  onChildLeft(body, bpmn) {
    const instance = bpmn.ctx.state.elementInstances.get(body.key);
    if (!instance || instance.childCount > 0) return;
    if (instance.state === 'ELEMENT_TERMINATING') {
      bpmn.transitions.terminated(body);
      if (bpmn.events.activateTriggeredBoundary(body)) return;
      bpmn.childLeft(body.value.flowScopeKey);
    } else if (instance.state === 'ELEMENT_ACTIVATED') {
      bpmn.transitions.completeElement(body);
    }
  },
};
