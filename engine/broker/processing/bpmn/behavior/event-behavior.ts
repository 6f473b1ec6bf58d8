/**
 * Event subscriptions of element instances (part 2A): timers and message subscriptions for catch
 * events, receive tasks, event-based gateways and boundary events; triggering them. Errors and
 * escalations find their catch event through the catch walk (`catch-walk.ts`).
 */
import {
  evaluate,
  evaluateString,
  evaluateTimerCycle,
  evaluateTimerDate,
  evaluateTimerDuration,
  firstDueDate,
  addIsoDuration,
  type EvaluationResult,
  type ExecutableElement,
  type Expression,
  type Variables,
} from '../../../model/index.ts';
import type { ProcessEventValue, TimerValue } from '../../../protocol/event-records.ts';
import type { VariableDocument } from '../../../protocol/record.ts';
import type { ProcessingContext } from '../../processing-context.ts';
import type { ElementContext } from '../element-processor.ts';
import { isEventSubProcessStart, isInterruptingCatch } from './event-sub-process-behavior.ts';
import { VariableBehavior } from './variable-behavior.ts';
import { CatchWalk, isInnerInstance } from './catch-walk.ts';

/** What a timer evaluates to. */
export interface TimerSchedule {
  readonly dueDate: number;
  readonly repetitions: number;
}

/** Evaluates a timer element's definition at `now`. */
export function scheduleTimer(target: ExecutableElement, variables: Variables, now: number): EvaluationResult<TimerSchedule> {
  const timer = target.timer;
  if (!timer) return { ok: false, message: `Expected element '${target.id}' to have a timer definition, but it has none` };
  if (timer.kind === 'timeDuration') {
    const duration = evaluateTimerDuration(timer.expression, variables);
    return duration.ok ? { ok: true, value: { dueDate: addIsoDuration(now, duration.value), repetitions: 1 } } : duration;
  }
  if (timer.kind === 'timeDate') {
    const date = evaluateTimerDate(timer.expression, variables);
    return date.ok ? { ok: true, value: { dueDate: date.value, repetitions: 1 } } : date;
  }
  const cycle = evaluateTimerCycle(timer.expression, variables);
  return cycle.ok ? { ok: true, value: { dueDate: firstDueDate(cycle.value, now), repetitions: cycle.value.repetitions } } : cycle;
}

/** Subscription writes for one command. */
export class EventBehavior {
  /** Triggers an event sub-process start event in a scope (set by the BpmnBehaviors facade). */
  onEventSubProcessStart?: (scope: ElementContext, start: ExecutableElement, variables: VariableDocument) => void;

  private readonly catches: CatchWalk;

  constructor(private readonly ctx: ProcessingContext) {
    this.catches = new CatchWalk(ctx, (scope, target, variables) => this.trigger(scope, target, variables));
  }

  /** Elements whose events an instance of `element` waits for: itself, the targets of a gateway, its boundary events. */
  private triggers(element: ElementContext): ExecutableElement[] {
    const model = this.ctx.state.models.get(element.value.processDefinitionKey);
    if (!model) return [];
    const result: ExecutableElement[] = [];
    if (element.element.type === 'EVENT_BASED_GATEWAY') {
      for (const flowId of element.element.outgoing) {
        const target = model.elements.get(model.sequenceFlows.get(flowId)?.targetId ?? '');
        if (target) result.push(target);
      }
    } else if (
      element.value.bpmnElementType !== 'MULTI_INSTANCE_BODY' &&
      ((element.element.type === 'INTERMEDIATE_CATCH_EVENT' && !this.enteredThroughGateway(element)) || element.element.type === 'RECEIVE_TASK')
    ) {
      result.push(element.element);
    }
    // Inner instances of a multi-instance activity leave its boundary events to the body.
    for (const id of isInnerInstance(this.ctx, element.value) ? [] : (element.element.boundaryEventIds ?? [])) {
      const boundary = model.elements.get(id);
      if (boundary) result.push(boundary);
    }
    return result;
  }

  /** Whether a catch event was reached from an event-based gateway (its event already happened). */
  enteredThroughGateway(element: ElementContext): boolean {
    const model = this.ctx.state.models.get(element.value.processDefinitionKey);
    return element.element.incoming.some((flowId) => {
      const source = model?.elements.get(model.sequenceFlows.get(flowId)?.sourceId ?? '');
      return source?.type === 'EVENT_BASED_GATEWAY';
    });
  }

  /**
   * Opens the timers and message subscriptions of an element instance (and of `extraTargets`, e.g. the
   * start events of a scope's event sub-processes); the failure message when one cannot be evaluated.
   * `include` limits it to some of them (MigrateProcessInstance opens only catch events new in the target).
   */
  subscribe(element: ElementContext, extraTargets: readonly ExecutableElement[] = [], include: (target: ExecutableElement) => boolean = () => true): EvaluationResult<true> {
    const variables = this.ctx.state.variables.collect(element.key);
    const targets = [...this.triggers(element), ...extraTargets].filter(include);
    const planned: (() => void)[] = [];
    for (const target of targets) {
      if (target.eventType === 'TIMER') {
        const schedule = scheduleTimer(target, variables, this.ctx.now);
        if (!schedule.ok) return schedule;
        planned.push(() => this.createTimer(element, target, schedule.value));
      } else if (target.eventType === 'MESSAGE' || target.type === 'RECEIVE_TASK') {
        const names = this.messageOf(target, variables);
        if (!names.ok) return names;
        planned.push(() => this.openSubscription(element, target, names.value.name, names.value.correlationKey));
      } else if (target.eventType === 'SIGNAL') {
        const name = signalNameOf(target, variables);
        if (!name.ok) return name;
        planned.push(() =>
          this.ctx.event(this.ctx.nextKey(), 'SIGNAL_SUBSCRIPTION', 'CREATED', {
            processDefinitionKey: element.value.processDefinitionKey,
            bpmnProcessId: element.value.bpmnProcessId,
            catchEventId: target.id,
            catchEventInstanceKey: element.key,
            signalName: name.value,
            tenantId: element.value.tenantId,
          }),
        );
      }
    }
    for (const write of planned) write();
    return { ok: true, value: true };
  }

  /** Evaluates the message name and correlation key of a message element. */
  messageOf(target: ExecutableElement, variables: Variables): EvaluationResult<{ name: string; correlationKey: string }> {
    if (!target.message) return { ok: false, message: `Expected element '${target.id}' to reference a message, but it does not` };
    const name = evaluateString(target.message.name, variables);
    if (!name.ok) return name;
    if (!target.message.correlationKey) return { ok: true, value: { name: name.value, correlationKey: '' } };
    const correlationKey = evaluateCorrelationKey(target.message.correlationKey, variables);
    if (!correlationKey.ok) return correlationKey;
    return { ok: true, value: { name: name.value, correlationKey: correlationKey.value } };
  }

  /** Writes TIMER CREATED for an element instance. */
  createTimer(element: ElementContext, target: ExecutableElement, schedule: TimerSchedule): void {
    const value: TimerValue = {
      elementInstanceKey: element.key,
      processInstanceKey: element.value.processInstanceKey,
      dueDate: schedule.dueDate,
      targetElementId: target.id,
      repetitions: schedule.repetitions,
      processDefinitionKey: element.value.processDefinitionKey,
      tenantId: element.value.tenantId,
    };
    this.ctx.event(this.ctx.nextKey(), 'TIMER', 'CREATED', value);
  }

  private openSubscription(element: ElementContext, target: ExecutableElement, name: string, correlationKey: string): void {
    const key = this.ctx.nextKey();
    const interrupting = isInterruptingCatch(target);
    const base = {
      processInstanceKey: element.value.processInstanceKey,
      elementInstanceKey: element.key,
      bpmnProcessId: element.value.bpmnProcessId,
      messageName: name,
      correlationKey,
      messageKey: -1,
      variables: {},
      interrupting,
      tenantId: element.value.tenantId,
    };
    const processSide = { ...base, subscriptionPartitionId: 1, elementId: target.id };
    this.ctx.event(key, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CREATING', processSide);
    this.ctx.event(key, 'MESSAGE_SUBSCRIPTION', 'CREATED', base);
    this.ctx.event(key, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', processSide);
    // A buffered message correlates at once (once per process id, within its time to live).
    for (const messageKey of this.ctx.state.events.messagesFor(name, correlationKey)) {
      const message = this.ctx.state.events.message(messageKey);
      if (!message || message.deadline <= this.ctx.now || this.ctx.state.events.correlatedTo(messageKey, element.value.bpmnProcessId)) continue;
      this.ctx.followUp(key, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATE', { ...processSide, messageKey, variables: message.variables });
      break;
    }
  }

  /** Cancels every timer and message subscription of an element instance (only those of the target ids `only` accepts, when given). */
  unsubscribe(elementInstanceKey: number, only: (targetElementId: string) => boolean = () => true): void {
    const events = this.ctx.state.events;
    for (const key of events.timersOf(elementInstanceKey)) {
      if (only(events.timer(key)!.targetElementId)) this.ctx.event(key, 'TIMER', 'CANCELED', events.timer(key)!);
    }
    for (const subscription of events.subscriptionsOf(elementInstanceKey)) {
      if (!only(subscription.value.elementId)) continue;
      this.ctx.event(subscription.key, 'PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', subscription.value);
      const { subscriptionPartitionId: _p, elementId: _e, ...messageSide } = subscription.value;
      this.ctx.event(subscription.key, 'MESSAGE_SUBSCRIPTION', 'DELETED', messageSide);
    }
    for (const signal of events.signals.subscriptionsOf(elementInstanceKey)) {
      if (only(signal.value.catchEventId)) this.ctx.event(signal.key, 'SIGNAL_SUBSCRIPTION', 'DELETED', signal.value);
    }
  }

  /**
   * An event (timer, message, error) happened for `scope` and triggers `target`: the element itself
   * (catch event, receive task), a target of an event-based gateway, or a boundary event.
   */
  trigger(scope: ElementContext, target: ExecutableElement, variables: VariableDocument): void {
    if (isEventSubProcessStart(target)) {
      this.onEventSubProcessStart?.(scope, target, variables);
      return;
    }
    const trigger: ProcessEventValue = {
      scopeKey: scope.key,
      targetElementId: target.id,
      variables,
      processDefinitionKey: scope.value.processDefinitionKey,
      processInstanceKey: scope.value.processInstanceKey,
      tenantId: scope.value.tenantId,
    };
    if (target.type === 'BOUNDARY_EVENT' && target.cancelActivity === false) {
      this.ctx.event(scope.key, 'PROCESS_EVENT', 'TRIGGERING', trigger);
      this.ctx.event(scope.key, 'PROCESS_EVENT', 'TRIGGERED', trigger);
      this.activateBoundary(scope, target, variables);
      return;
    }
    this.unsubscribe(scope.key);
    if (target.type === 'BOUNDARY_EVENT') {
      this.ctx.event(scope.key, 'PROCESS_EVENT', 'TRIGGERING', trigger);
      this.ctx.followUp(scope.key, 'PROCESS_INSTANCE', 'TERMINATE_ELEMENT', scope.value);
      return;
    }
    if (scope.element.type === 'EVENT_BASED_GATEWAY') {
      this.ctx.event(scope.key, 'PROCESS_EVENT', 'TRIGGERING', trigger);
    } else {
      this.setVariables(scope, variables);
    }
    this.ctx.followUp(scope.key, 'PROCESS_INSTANCE', 'COMPLETE_ELEMENT', scope.value);
  }

  /** After an interrupted activity was terminated: activates its triggered boundary event; false when there is none. */
  activateTriggeredBoundary(element: ElementContext): boolean {
    const trigger = this.ctx.state.events.pendingTrigger(element.key);
    if (!trigger) return false;
    this.ctx.event(element.key, 'PROCESS_EVENT', 'TRIGGERED', trigger);
    const scope = this.ctx.state.elementInstances.get(element.value.flowScopeKey);
    const target = this.ctx.state.models.element(element.value.processDefinitionKey, trigger.targetElementId);
    // An interrupted scope takes no boundary event (Zeebe's guard): the host just left it, which may complete it.
    if (!target || scope?.state !== 'ELEMENT_ACTIVATED' || scope.interrupted === true) return false;
    this.activateBoundary(element, target, trigger.variables);
    return true;
  }

  /**
   * The flow a triggered event-based gateway takes (its pending trigger is consumed). The event's
   * variables go to the scope, unless the catch event after the gateway has output mappings: then
   * they are returned as `held`, for {@link holdEventVariables} on the catch event once it is activated.
   */
  takeGatewayTrigger(gateway: ElementContext): { flowId: string | undefined; targetElementId: string; held?: VariableDocument } | undefined {
    const trigger = this.ctx.state.events.pendingTrigger(gateway.key);
    if (!trigger) return undefined;
    this.ctx.event(gateway.key, 'PROCESS_EVENT', 'TRIGGERED', trigger);
    const model = this.ctx.state.models.get(gateway.value.processDefinitionKey);
    const flowId = gateway.element.outgoing.find((id) => model?.sequenceFlows.get(id)?.targetId === trigger.targetElementId);
    const target = model?.elements.get(trigger.targetElementId);
    if (target && target.outputMappings.length > 0 && Object.keys(trigger.variables).length > 0) {
      return { flowId, targetElementId: trigger.targetElementId, held: trigger.variables };
    }
    this.mergeIntoScope(gateway, trigger.variables);
    return { flowId, targetElementId: trigger.targetElementId };
  }

  private activateBoundary(host: ElementContext, boundary: ExecutableElement, variables: VariableDocument): void {
    const held = boundary.outputMappings.length > 0 && Object.keys(variables).length > 0;
    if (!held) this.mergeIntoScope(host, variables);
    const key = this.ctx.nextKey();
    const value = { ...host.value, elementId: boundary.id, bpmnElementType: boundary.type, bpmnEventType: boundary.eventType, flowScopeKey: host.value.flowScopeKey };
    this.ctx.followUp(key, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', value);
    // With output mappings the event's variables become local to the boundary event once it is activated (applyEventTrigger).
    if (held) this.holdEventVariables(key, value, variables);
  }

  /**
   * Keeps an event's variables for an event element instance that is about to be activated (its
   * ACTIVATE_ELEMENT is written): a PROCESS_EVENT TRIGGERING on its key, applied by {@link applyEventTrigger}.
   */
  holdEventVariables(eventKey: number, value: { elementId: string; processDefinitionKey: number; processInstanceKey: number; tenantId: string }, variables: VariableDocument): void {
    this.ctx.event(eventKey, 'PROCESS_EVENT', 'TRIGGERING', {
      scopeKey: eventKey,
      targetElementId: value.elementId,
      variables,
      processDefinitionKey: value.processDefinitionKey,
      processInstanceKey: value.processInstanceKey,
      tenantId: value.tenantId,
    });
  }

  /**
   * Called by an event element (boundary or start event) right after ELEMENT_ACTIVATING: the variables
   * held for it (see {@link holdEventVariables}) become local to it when it has output mappings (only
   * the mapped ones reach the flow scope when it completes), else they propagate, as Zeebe does.
   */
  applyEventTrigger(element: ElementContext): void {
    const trigger = this.ctx.state.events.pendingTrigger(element.key);
    if (!trigger) return;
    this.ctx.event(element.key, 'PROCESS_EVENT', 'TRIGGERED', trigger);
    this.setVariables(element, trigger.variables);
  }

  /**
   * Event variables of a catch event, receive task, boundary or start event (Zeebe's variables page:
   * with one or more output mappings the event's variables are local to the element and only the
   * mapped ones reach the flow scope; without, they propagate from the element's scope).
   */
  private setVariables(element: ElementContext, variables: VariableDocument): void {
    if (Object.keys(variables).length === 0) return;
    const write = new VariableBehavior(this.ctx);
    if (element.element.outputMappings.length > 0) write.mergeLocal(element.key, variables, element.value);
    else write.mergePropagating(element.key, variables, element.value);
  }

  /** Event variables of a boundary event or gateway target go to the flow scope of the host (propagating). */
  private mergeIntoScope(host: ElementContext, variables: VariableDocument): void {
    if (Object.keys(variables).length === 0) return;
    new VariableBehavior(this.ctx).mergePropagating(host.value.flowScopeKey, variables, host.value);
  }

  /** Finds and triggers the catch event for an error thrown in `fromKey`; see {@link CatchWalk.throwError}. */
  throwError(fromKey: number, errorCode: string, variables: VariableDocument): boolean {
    return this.catches.throwError(fromKey, errorCode, variables);
  }

  /** Zeebe's incident message for an uncaught error; see {@link CatchWalk.unhandledErrorMessage}. */
  unhandledErrorMessage(fromKey: number, errorCode: string, errorMessage = ''): string {
    return this.catches.unhandledErrorMessage(fromKey, errorCode, errorMessage);
  }

  /** Throws an escalation to the nearest catch event; see {@link CatchWalk.throwEscalation}. */
  throwEscalation(thrower: ElementContext, escalationCode: string): boolean {
    return this.catches.throwEscalation(thrower, escalationCode);
  }

}
/** Evaluates the signal name of a signal element. */
export function signalNameOf(target: ExecutableElement, variables: Variables): EvaluationResult<string> {
  if (!target.signal) return { ok: false, message: `Expected element '${target.id}' to reference a signal, but it does not` };
  return evaluateString(target.signal.name, variables);
}

/** Zeebe accepts a string or a number as correlation key (numbers become their text). */
export function evaluateCorrelationKey(expression: Expression, variables: Variables): EvaluationResult<string> {
  const raw = evaluate(expression, variables);
  if (!raw.ok) return raw;
  if (typeof raw.value === 'string') return { ok: true, value: raw.value };
  if (typeof raw.value === 'number') return { ok: true, value: String(raw.value) };
  return {
    ok: false,
    message: `Failed to extract the correlation key for '${expression.kind === 'feel' ? expression.expression : expression.value}': The value must be either a string or a number, but was '${raw.value === null ? 'NULL' : typeof raw.value}'.`,
  };
}
