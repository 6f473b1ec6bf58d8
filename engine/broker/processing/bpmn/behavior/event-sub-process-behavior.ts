/**
 * Event sub-processes (Zeebe's EVENT_SUB_PROCESS): the timers and message / signal subscriptions of
 * their start events belong to the enclosing scope instance (process or sub-process) and open when its
 * start event completes (start-event-processor.ts) or, for a scope created without one, when it is
 * created; a trigger activates the event sub-process next to the scope's other paths
 * (non-interrupting) or after terminating them (interrupting). Error and escalation start events are
 * found by the catch walk in EventBehavior and triggered the same way.
 */
import type { EvaluationResult, ExecutableElement } from '../../../model/index.ts';
import type { ProcessEventValue } from '../../../protocol/event-records.ts';
import type { VariableDocument } from '../../../protocol/record.ts';
import type { ReadonlyEngineState } from '../../../state/engine-state.ts';
import type { ElementContext } from '../element-processor.ts';
import type { BpmnBehaviors } from './bpmn-behaviors.ts';

/** Whether an element is the start event of an event sub-process (only those carry `interrupting`). */
export function isEventSubProcessStart(target: ExecutableElement): boolean {
  return target.type === 'START_EVENT' && target.interrupting !== undefined;
}

/** Whether triggering a catch element interrupts its scope: boundary events by cancelActivity, event sub-process starts by isInterrupting. */
export function isInterruptingCatch(target: ExecutableElement): boolean {
  if (target.type === 'BOUNDARY_EVENT') return target.cancelActivity !== false;
  if (isEventSubProcessStart(target)) return target.interrupting !== false;
  return true;
}

/** The start events of the event sub-processes directly inside a scope element (process, sub-process, event sub-process), in model order. */
export function eventSubProcessStarts(state: ReadonlyEngineState, processDefinitionKey: number, scope: ExecutableElement): ExecutableElement[] {
  const starts: ExecutableElement[] = [];
  for (const id of scope.childIds) {
    const child = state.models.element(processDefinitionKey, id);
    if (child?.type !== 'EVENT_SUB_PROCESS') continue;
    for (const innerId of child.childIds) {
      const start = state.models.element(processDefinitionKey, innerId);
      if (start && isEventSubProcessStart(start)) starts.push(start);
    }
  }
  return starts;
}

/**
 * Whether a scope instance was interrupted by an event: an interrupting event sub-process start was
 * triggered in it (PROCESS_EVENT TRIGGERING marks it, pending or already running) or a terminate end
 * event completed in it. Like Zeebe's interrupted mark, only a fired event sets it: an interrupting
 * event sub-process activated by ModifyProcessInstance does not interrupt its scope.
 */
export function interruptedByEventSubProcess(state: ReadonlyEngineState, scopeKey: number): boolean {
  return state.elementInstances.get(scopeKey)?.interrupted === true;
}

/** Opening, triggering and activating event sub-processes for one command. */
export class EventSubProcessBehavior {
  constructor(private readonly bpmn: BpmnBehaviors) {}

  private get ctx() {
    return this.bpmn.ctx;
  }

  /** Start events of the scope's event sub-processes that wait for a timer, message or signal. */
  private subscribable(scope: ElementContext): ExecutableElement[] {
    return eventSubProcessStarts(this.ctx.state, scope.value.processDefinitionKey, scope.element).filter(
      (start) => start.eventType === 'TIMER' || start.eventType === 'MESSAGE' || start.eventType === 'SIGNAL',
    );
  }

  /**
   * Opens the subscriptions of a scope instance: its own (boundary events, via EventBehavior) and
   * those of its event sub-processes' start events, all or nothing.
   */
  subscribe(scope: ElementContext): EvaluationResult<true> {
    return this.bpmn.events.subscribe(scope, this.subscribable(scope));
  }

  /**
   * Opens the event sub-process start subscriptions of a process activated without a start event
   * (start instructions); an expression that fails raises an incident on the process.
   */
  subscribeActivated(scope: ElementContext): void {
    const starts = this.subscribable(scope);
    if (starts.length === 0) return;
    // Only the event sub-process starts: a created scope's own boundary events are not opened here.
    const opened = this.bpmn.events.subscribe({ ...scope, element: { ...scope.element, boundaryEventIds: [] } }, starts);
    if (!opened.ok) this.bpmn.incidents.create(scope, 'EXTRACT_VALUE_ERROR', opened.message);
  }

  /** Closes the timers and subscriptions of the scope's event sub-process start events (its boundary events stay). */
  unsubscribeStarts(scope: ElementContext): void {
    const ids = new Set(eventSubProcessStarts(this.ctx.state, scope.value.processDefinitionKey, scope.element).map((start) => start.id));
    if (ids.size > 0) this.bpmn.events.unsubscribe(scope.key, (targetId) => ids.has(targetId));
  }

  /** The event sub-process start event whose interrupting trigger is pending on a scope, if any. */
  private pendingStart(scopeKey: number): { trigger: ProcessEventValue; start: ExecutableElement } | undefined {
    const trigger = this.ctx.state.events.pendingTrigger(scopeKey);
    const start = trigger ? this.ctx.state.models.element(trigger.processDefinitionKey, trigger.targetElementId) : undefined;
    return trigger && start && isEventSubProcessStart(start) ? { trigger, start } : undefined;
  }

  /**
   * An event (timer, message, signal, error, escalation) triggers an event sub-process start event of
   * `scope`. Discarded when the scope is not active or already interrupted. Non-interrupting: the
   * event sub-process is activated at once. Interrupting: the scope's other event sub-process
   * subscriptions close and its children are terminated; the event sub-process is activated once
   * the last child left (see {@link activatePending}).
   */
  trigger(scope: ElementContext, start: ExecutableElement, variables: VariableDocument): void {
    const instance = this.ctx.state.elementInstances.get(scope.key);
    if (instance?.state !== 'ELEMENT_ACTIVATED' || this.ctx.state.events.pendingTrigger(scope.key) || interruptedByEventSubProcess(this.ctx.state, scope.key)) return;
    const trigger: ProcessEventValue = {
      scopeKey: scope.key,
      targetElementId: start.id,
      variables,
      processDefinitionKey: scope.value.processDefinitionKey,
      processInstanceKey: scope.value.processInstanceKey,
      tenantId: scope.value.tenantId,
    };
    this.ctx.event(scope.key, 'PROCESS_EVENT', 'TRIGGERING', trigger);
    if (start.interrupting === false) {
      this.activate(scope, start, trigger);
      return;
    }
    this.unsubscribeStarts(scope);
    const children = [...instance.children];
    if (children.length === 0) {
      this.activate(scope, start, trigger);
      return;
    }
    for (const child of children) {
      if (this.ctx.state.elementInstances.get(child)?.state !== 'ELEMENT_TERMINATING') this.bpmn.transitions.terminateElement(child);
    }
  }

  /** After the last child of an interrupted scope left: activates the pending event sub-process; false when none is pending. */
  activatePending(scope: ElementContext): boolean {
    const pending = this.pendingStart(scope.key);
    if (!pending) return false;
    this.activate(scope, pending.start, pending.trigger);
    return true;
  }

  /**
   * Activates the event sub-process of `start` in `scope` and its start event, which gets the event
   * variables (local when it has output mappings, else propagated as Zeebe merges them), then completes.
   */
  private activate(scope: ElementContext, start: ExecutableElement, trigger: ProcessEventValue): void {
    const esp = this.ctx.state.models.element(scope.value.processDefinitionKey, start.flowScopeId ?? '');
    if (!esp) return;
    this.ctx.event(scope.key, 'PROCESS_EVENT', 'TRIGGERED', trigger);
    const espContext: ElementContext = {
      key: this.ctx.nextKey(),
      value: { ...scope.value, elementId: esp.id, bpmnElementType: 'EVENT_SUB_PROCESS', bpmnEventType: 'UNSPECIFIED', flowScopeKey: scope.key },
      element: esp,
    };
    if (!this.bpmn.activatingWithInputs(espContext)) return;
    // Its own event sub-processes open when its start event completes (start-event-processor.ts).
    this.bpmn.transitions.activated(espContext);
    const startContext: ElementContext = {
      key: this.ctx.nextKey(),
      value: { ...espContext.value, elementId: start.id, bpmnElementType: 'START_EVENT', bpmnEventType: start.eventType, flowScopeKey: espContext.key },
      element: start,
    };
    this.bpmn.transitions.activating(startContext);
    this.bpmn.transitions.activated(startContext);
    if (Object.keys(trigger.variables).length > 0) {
      if (start.outputMappings.length > 0) this.bpmn.variables.mergeLocal(startContext.key, trigger.variables, startContext.value);
      else this.bpmn.variables.mergePropagating(startContext.key, trigger.variables, startContext.value);
    }
    this.bpmn.transitions.completeElement(startContext);
  }
}
