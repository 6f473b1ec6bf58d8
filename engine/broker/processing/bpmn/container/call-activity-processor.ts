/**
 * Call activity: creates an instance of the called process (process id static or FEEL; the version
 * by binding type, see `called-process.ts`) with the parent's variables (all, or only the input mappings when
 * propagateAllParentVariables is false); completes when the child completes, taking its variables
 * (unless propagateAllChildVariables is false); terminating it terminates the child. Its boundary
 * events open on activation and close when it leaves; an interrupting one terminates the child first
 * and is activated once the call activity is terminated (see `calledInstanceTerminated`).
 */
import { evaluateString } from '../../../model/index.ts';
import type { ProcessInstanceValue } from '../../../protocol/record.ts';
import type { BpmnElementProcessor } from '../element-processor.ts';
import { findCalledProcess } from './called-process.ts';

export const callActivityProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    const called = element.element.calledElement!;
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
    const processId = evaluateString(called.processId, bpmn.ctx.state.variables.collect(element.key));
    if (!processId.ok) {
      bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', processId.message);
      return;
    }
    const found = findCalledProcess(bpmn.ctx.state, element, processId.value);
    if (!found.ok) {
      bpmn.incidents.create(element, 'CALLED_ELEMENT_ERROR', found.message);
      return;
    }
    const { process, model } = found.value;
    if (!model.noneStartEventId) {
      bpmn.incidents.create(element, 'CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId.value}' to have a none start event, but not found.`);
      return;
    }
    // Boundary events (timer, message, signal; error and escalation are caught through the chain) open before the child starts.
    if (!bpmn.subscribeAndWait(element)) return;
    const childKey = bpmn.ctx.nextKey();
    const child: ProcessInstanceValue = {
      bpmnElementType: 'PROCESS',
      elementId: process.bpmnProcessId,
      bpmnProcessId: process.bpmnProcessId,
      version: process.version,
      processDefinitionKey: process.processDefinitionKey,
      processInstanceKey: childKey,
      flowScopeKey: -1,
      bpmnEventType: 'UNSPECIFIED',
      parentProcessInstanceKey: element.value.processInstanceKey,
      parentElementInstanceKey: element.key,
      tenantId: element.value.tenantId,
    };
    const variables = called.propagateAllParentVariables
      ? bpmn.ctx.state.variables.collect(element.key)
      : Object.fromEntries([...(bpmn.ctx.state.variables.local(element.key) ?? new Map())].map(([name, v]) => [name, v.value]));
    bpmn.variables.mergeLocal(childKey, variables, child);
    bpmn.ctx.followUp(childKey, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', child);
  },
  onComplete(element, bpmn) {
    bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    bpmn.transitions.terminating(element);
    bpmn.events.unsubscribe(element.key);
    bpmn.incidents.resolveAll(element.key, 0);
    const childKey = bpmn.ctx.state.elementInstances.get(element.key)?.calledChildKey ?? 0;
    const child = bpmn.ctx.state.elementInstances.get(childKey);
    if (child && child.state !== 'ELEMENT_TERMINATING') {
      bpmn.transitions.terminateElement(childKey);
      return;
    }
    if (child) return;
    bpmn.transitions.terminated(element);
    // An interrupting boundary event takes over the path of the call activity it terminated.
    if (bpmn.events.activateTriggeredBoundary(element)) return;
    bpmn.childLeft(element.value.flowScopeKey);
  },
};
