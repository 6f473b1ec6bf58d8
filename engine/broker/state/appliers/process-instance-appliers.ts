/** Appliers for PROCESS_INSTANCE events: element instance lifecycle and token bookkeeping. */
import type { EventRecord, ProcessInstanceValue } from '../../protocol/record.ts';
import type { ElementInstance } from '../element-instance-state.ts';
import type { MutableEngineState } from '../engine-state.ts';
import type { ValueTypeAppliers } from './applier.ts';

function consumeTakenFlows(state: MutableEngineState, record: EventRecord<'PROCESS_INSTANCE'>): void {
  const scope = state.elementInstances.get(record.value.flowScopeKey);
  const pending = scope?.pendingFlows?.get(record.value.elementId);
  if (!scope || !pending) return;
  const joinsAll = record.value.bpmnElementType === 'PARALLEL_GATEWAY' || record.value.bpmnElementType === 'INCLUSIVE_GATEWAY';
  for (const [flowId, count] of pending) {
    if (count <= 1) pending.delete(flowId);
    else pending.set(flowId, count - 1);
    scope.activeFlows--;
    if (!joinsAll) break;
  }
  if (pending.size === 0) scope.pendingFlows!.delete(record.value.elementId);
}

/** The flow scope of an element instance when it is a multi-instance body. */
function multiInstanceBody(state: MutableEngineState, record: EventRecord<'PROCESS_INSTANCE'>): ElementInstance | undefined {
  const scope = state.elementInstances.get(record.value.flowScopeKey);
  return scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' ? scope : undefined;
}

/** A completed terminate end event interrupts its flow scope: pending tokens are dropped. */
function interruptScope(state: MutableEngineState, record: EventRecord<'PROCESS_INSTANCE'>): void {
  if (record.value.bpmnElementType !== 'END_EVENT' || record.value.bpmnEventType !== 'TERMINATE') return;
  const scope = state.elementInstances.get(record.value.flowScopeKey);
  if (!scope) return;
  scope.activeFlows = 0;
  scope.pendingFlows = undefined;
  scope.interrupted = true;
}

function leave(state: MutableEngineState, record: EventRecord<'PROCESS_INSTANCE'>): void {
  state.elementInstances.remove(record.key);
  state.variables.removeScope(record.key);
  // A process instance started by a message for a correlation key no longer holds that key.
  if (record.value.bpmnElementType === 'PROCESS') state.events.releaseStartCorrelation(record.value.bpmnProcessId, record.key);
}

export const processInstanceAppliers: ValueTypeAppliers<'PROCESS_INSTANCE'> = {
  ELEMENT_ACTIVATING: (state, record) => {
    consumeTakenFlows(state, record);
    state.elementInstances.create(record.key, record.value);
    state.variables.createScope(record.key, record.value.flowScopeKey);
    const caller = record.value.bpmnElementType === 'PROCESS' ? state.elementInstances.get(record.value.parentElementInstanceKey) : undefined;
    if (caller) caller.calledChildKey = record.key;
  },
  ELEMENT_ACTIVATED: (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (instance) instance.state = 'ELEMENT_ACTIVATED';
  },
  ELEMENT_COMPLETING: (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (instance) instance.state = 'ELEMENT_COMPLETING';
    const body = multiInstanceBody(state, record);
    if (body) body.completedChildren = (body.completedChildren ?? 0) + 1;
  },
  ELEMENT_COMPLETED: (state, record) => {
    interruptScope(state, record);
    leave(state, record);
  },
  ELEMENT_TERMINATING: (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (instance) instance.state = 'ELEMENT_TERMINATING';
  },
  ELEMENT_TERMINATED: (state, record) => {
    const body = multiInstanceBody(state, record);
    if (body) body.terminatedChildren = (body.terminatedChildren ?? 0) + 1;
    leave(state, record);
  },
  ELEMENT_MIGRATED: (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (!instance) return;
    // A message-started instance moved to another process id holds its correlation key there now.
    const correlationKey = record.value.bpmnElementType === 'PROCESS' ? state.events.startCorrelationKeyOf(record.key) : undefined;
    if (correlationKey !== undefined && instance.value.bpmnProcessId !== record.value.bpmnProcessId) {
      state.events.releaseStartCorrelation(instance.value.bpmnProcessId, record.key);
      state.events.setStartCorrelationOwner(record.value.bpmnProcessId, correlationKey, record.key);
    }
    (instance as { value: ProcessInstanceValue }).value = record.value;
  },
  SEQUENCE_FLOW_TAKEN: (state, record) => {
    const scope = state.elementInstances.get(record.value.flowScopeKey);
    const flow = state.models.flow(record.value.processDefinitionKey, record.value.elementId);
    if (!scope || !flow) return;
    scope.activeFlows++;
    scope.pendingFlows ??= new Map();
    let pending = scope.pendingFlows.get(flow.targetId);
    if (!pending) scope.pendingFlows.set(flow.targetId, (pending = new Map()));
    pending.set(flow.id, (pending.get(flow.id) ?? 0) + 1);
  },
};

export const processInstanceCreationAppliers: ValueTypeAppliers<'PROCESS_INSTANCE_CREATION'> = {
  CREATED: () => {},
};
