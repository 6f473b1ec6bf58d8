/**
 * Activates an element somewhere inside a running process instance (ModifyProcessInstance, start
 * instructions), as Zeebe's ElementActivationBehavior: missing flow scopes are created by events —
 * ELEMENT_ACTIVATING, their variables, ELEMENT_ACTIVATED, then their subscriptions (boundary events
 * and event sub-process start events); no input mappings and no start event — and the element itself
 * is asked for with ACTIVATE_ELEMENT, so its own processor runs (input mappings, subscriptions, jobs).
 */
import type { ExecutableElement } from '../../../model/index.ts';
import type { ProcessInstanceValue } from '../../../protocol/record.ts';
import type { BpmnBehaviors } from '../../bpmn/behavior/bpmn-behaviors.ts';
import { activatedByInstruction } from '../../bpmn/gateway/inclusive-gateway-processor.ts';
import type { LevelStep } from './flow-scope-resolver.ts';

/** Sets the variables meant for one scope (element id of the scope, its instance key). */
export type ScopeVariables = (elementId: string, scopeKey: number) => void;

/** The keys an activation used. */
export interface ActivatedKeys {
  /** The (future) element instance key of the activated element. */
  readonly elementInstanceKey: number;
  /** Its flow scope instances, innermost first, the process instance last. */
  readonly flowScopeKeys: number[];
}

/**
 * Walks the resolved levels (reusing or creating flow scope instances below the process instance
 * `processInstance`) and asks for the element's activation; `setVariables` is called for the
 * process instance, each flow scope and the element, outermost first, as Zeebe does.
 */
export function activateElement(
  bpmn: BpmnBehaviors,
  processInstance: ProcessInstanceValue,
  element: ExecutableElement,
  steps: readonly LevelStep[],
  setVariables: ScopeVariables = () => {},
): ActivatedKeys {
  const ctx = bpmn.ctx;
  const processInstanceKey = processInstance.processInstanceKey;
  const flowScopeKeys = [processInstanceKey];
  setVariables(processInstance.elementId, processInstanceKey);
  let scopeKey = processInstanceKey;
  for (const step of steps) {
    if (step.kind === 'reuse') {
      scopeKey = step.key;
    } else {
      const scope = step.level.element;
      const key = ctx.nextKey();
      const value: ProcessInstanceValue = { ...processInstance, elementId: scope.id, bpmnElementType: scope.type, bpmnEventType: scope.eventType, flowScopeKey: scopeKey };
      ctx.event(key, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', value);
      setVariables(scope.id, key);
      ctx.event(key, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', value);
      // Its boundary events and its event sub-processes' start events (Zeebe rejects the command
      // when one cannot be evaluated; events already written cannot be taken back here: an incident).
      const scopeContext = { key, value, element: scope };
      const opened = bpmn.eventSubProcesses.subscribe(scopeContext);
      if (!opened.ok) bpmn.incidents.create(scopeContext, 'EXTRACT_VALUE_ERROR', `Expected to subscribe to catch event(s) of '${scope.id}' but ${opened.message}`);
      scopeKey = key;
    }
    if (step.kind === 'reuse') setVariables(step.level.element.id, scopeKey);
    flowScopeKeys.unshift(scopeKey);
  }
  const elementInstanceKey = bpmn.flows.activate(processInstance, scopeKey, element);
  if (element.type === 'INCLUSIVE_GATEWAY') activatedByInstruction(elementInstanceKey);
  setVariables(element.id, elementInstanceKey);
  return { elementInstanceKey, flowScopeKeys };
}
