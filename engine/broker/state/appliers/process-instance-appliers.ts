/** Appliers for PROCESS_INSTANCE events: element instance lifecycle and token bookkeeping. */
import type { EventRecord } from '../../protocol/record.ts';
import type { MutableEngineState } from '../engine-state.ts';
import type { ValueTypeAppliers } from './applier.ts';

function consumeTakenFlows(state: MutableEngineState, record: EventRecord<'PROCESS_INSTANCE'>): void {
  const scope = state.elementInstances.get(record.value.flowScopeKey);
  const pending = scope?.pendingFlows?.get(record.value.elementId);
  if (!scope || !pending) return;
  const joinsAll = record.value.bpmnElementType === 'PARALLEL_GATEWAY';
  for (const [flowId, count] of pending) {
    if (count <= 1) pending.delete(flowId);
    else pending.set(flowId, count - 1);
    scope.activeFlows--;
    if (!joinsAll) break;
  }
  if (pending.size === 0) scope.pendingFlows!.delete(record.value.elementId);
}

function leave(state: MutableEngineState, key: number): void {
  state.elementInstances.remove(key);
  state.variables.removeScope(key);
}

export const processInstanceAppliers: ValueTypeAppliers<'PROCESS_INSTANCE'> = {
  ELEMENT_ACTIVATING: (state, record) => {
    consumeTakenFlows(state, record);
    state.elementInstances.create(record.key, record.value);
    state.variables.createScope(record.key, record.value.flowScopeKey);
  },
  ELEMENT_ACTIVATED: (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (instance) instance.state = 'ELEMENT_ACTIVATED';
  },
  ELEMENT_COMPLETING: (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (instance) instance.state = 'ELEMENT_COMPLETING';
  },
  ELEMENT_COMPLETED: (state, record) => leave(state, record.key),
  ELEMENT_TERMINATING: (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (instance) instance.state = 'ELEMENT_TERMINATING';
  },
  ELEMENT_TERMINATED: (state, record) => leave(state, record.key),
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
