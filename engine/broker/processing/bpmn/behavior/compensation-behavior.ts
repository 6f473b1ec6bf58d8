/**
 * Compensation (Zeebe 8.5+ BpmnCompensationSubscriptionBehaviour), reached as `bpmn.compensations`.
 *
 * - A completed activity with a compensation boundary event gets a COMPENSATION_SUBSCRIPTION (CREATED,
 *   written before its ELEMENT_COMPLETED); so does a completed sub-process or multi-instance body that
 *   holds subscriptions of its own (no handler id: it only stands for them). A multi-instance activity
 *   gets one subscription for its body, written when all inner instances are done.
 * - A compensation throw or end event triggers the subscriptions not triggered yet whose scope is the
 *   throw event's flow scope (also the scope around it when the throw event is in an event sub-process),
 *   all of them or those of its `activityRef`, and, top-down, those of completed sub-processes below
 *   them: per subscription with a handler the compensation boundary event is activated and completed
 *   at once and the handler is activated (bpmnEventType COMPENSATION) in the throw event's flow scope;
 *   then TRIGGERED with the throw event and the handler instance.
 * - When a handler completes its subscription is COMPLETED, then, bottom-up, each flow-scope
 *   subscription left with nothing below it; when nothing the throw event triggered is left, the throw
 *   event is completed (Zeebe always waits for the handlers).
 * - Subscriptions are DELETED when the process instance completes or is terminated, and those below a
 *   terminated sub-process when it is terminated.
 */
import type { CompensationSubscriptionValue } from '../../../protocol/compensation-records.ts';
import type { BpmnElementType, ExecutableElement } from '../../../model/index.ts';
import type { CompensationSubscription } from '../../../state/compensation-state.ts';
import type { ProcessingContext } from '../../processing-context.ts';
import type { ElementContext } from '../element-processor.ts';

/** Element types whose completion may create a compensation subscription. */
const ACTIVITY_TYPES: ReadonlySet<BpmnElementType> = new Set<BpmnElementType>([
  'SERVICE_TASK',
  'USER_TASK',
  'SEND_TASK',
  'RECEIVE_TASK',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'MANUAL_TASK',
  'TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
  'MULTI_INSTANCE_BODY',
]);

/** Types that stand for the subscriptions of their children. */
const FLOW_SCOPE_TYPES: ReadonlySet<BpmnElementType> = new Set<BpmnElementType>(['SUB_PROCESS', 'MULTI_INSTANCE_BODY']);

/** Compensation subscriptions, triggers and handler completion for one command. */
export class CompensationBehavior {
  constructor(private readonly ctx: ProcessingContext) {}

  /** Before an activity's ELEMENT_COMPLETED: CREATED when it can be compensated. */
  createSubscription(element: ElementContext): void {
    const value = element.value;
    if (!ACTIVITY_TYPES.has(value.bpmnElementType)) return;
    const boundary = this.isInnerInstance(element) ? undefined : this.compensationBoundary(element.element, value.processDefinitionKey);
    if (!boundary && !this.holdsSubscriptions(element)) return;
    const subscription: CompensationSubscriptionValue = {
      tenantId: value.tenantId,
      processInstanceKey: value.processInstanceKey,
      processDefinitionKey: value.processDefinitionKey,
      compensableActivityId: value.elementId,
      compensableActivityInstanceKey: element.key,
      compensableActivityScopeKey: value.flowScopeKey,
      throwEventId: '',
      throwEventInstanceKey: -1,
      compensationHandlerId: boundary?.compensation?.handlerId ?? '',
      compensationHandlerInstanceKey: -1,
      variables: {},
    };
    this.ctx.event(this.ctx.nextKey(), 'COMPENSATION_SUBSCRIPTION', 'CREATED', subscription);
  }

  /**
   * A compensation throw or end event (ELEMENT_ACTIVATED) triggers compensation; false when nothing
   * was there to compensate (the event then completes at once).
   */
  trigger(thrower: ElementContext): boolean {
    const scopeKeys = [thrower.value.flowScopeKey];
    const scope = this.ctx.state.elementInstances.get(thrower.value.flowScopeKey);
    if (scope?.value.bpmnElementType === 'EVENT_SUB_PROCESS') scopeKeys.push(scope.value.flowScopeKey);
    const activityRef = thrower.element.compensation?.activityRef;
    const open = this.ctx.state.compensations.subscriptionsOf(thrower.value.processInstanceKey).filter((s) => s.value.throwEventId === '');
    const chosen = open.filter(
      (s) => scopeKeys.includes(s.value.compensableActivityScopeKey) && (activityRef === undefined || s.value.compensableActivityId === activityRef),
    );
    for (const subscription of chosen) this.triggerOne(thrower, open, subscription);
    return this.ctx.state.compensations.triggeredBy(thrower.value.processInstanceKey, thrower.key).length > 0;
  }

  /** After a compensation handler's ELEMENT_COMPLETED: its subscription is done; maybe the throw event too. */
  completeHandler(handler: ElementContext): void {
    if (handler.value.bpmnEventType !== 'COMPENSATION' || !ACTIVITY_TYPES.has(handler.value.bpmnElementType)) return;
    const processInstanceKey = handler.value.processInstanceKey;
    const subscription = this.ctx.state.compensations
      .subscriptionsOf(processInstanceKey)
      .find((s) => s.value.throwEventId !== '' && s.value.compensationHandlerInstanceKey === handler.key);
    if (!subscription) return;
    this.ctx.event(subscription.key, 'COMPENSATION_SUBSCRIPTION', 'COMPLETED', subscription.value);
    this.completeFlowScopes(processInstanceKey, subscription.value.compensableActivityScopeKey);
    const throwEventKey = subscription.value.throwEventInstanceKey;
    if (this.ctx.state.compensations.triggeredBy(processInstanceKey, throwEventKey).length > 0) return;
    const thrower = this.ctx.state.elementInstances.get(throwEventKey);
    if (thrower?.state === 'ELEMENT_ACTIVATED') this.ctx.followUp(throwEventKey, 'PROCESS_INSTANCE', 'COMPLETE_ELEMENT', thrower.value);
  }

  /** The process instance ends: every subscription of it is DELETED. */
  deleteAll(processInstanceKey: number): void {
    for (const subscription of this.ctx.state.compensations.subscriptionsOf(processInstanceKey)) {
      this.ctx.event(subscription.key, 'COMPENSATION_SUBSCRIPTION', 'DELETED', subscription.value);
    }
  }

  /** A sub-process is terminated: the subscriptions in it (and below them) are DELETED. */
  deleteBelow(scope: ElementContext): void {
    const all = this.ctx.state.compensations.subscriptionsOf(scope.value.processInstanceKey);
    const remove = (scopeKey: number): void => {
      for (const subscription of all.filter((s) => s.value.compensableActivityScopeKey === scopeKey)) {
        this.ctx.event(subscription.key, 'COMPENSATION_SUBSCRIPTION', 'DELETED', subscription.value);
        remove(subscription.value.compensableActivityInstanceKey);
      }
    };
    remove(scope.key);
  }

  private triggerOne(thrower: ElementContext, open: readonly CompensationSubscription[], subscription: CompensationSubscription): void {
    const handlerKey = subscription.value.compensationHandlerId === '' ? -1 : this.activateHandler(thrower, subscription.value);
    this.ctx.event(subscription.key, 'COMPENSATION_SUBSCRIPTION', 'TRIGGERED', {
      ...subscription.value,
      throwEventId: thrower.value.elementId,
      throwEventInstanceKey: thrower.key,
      compensationHandlerInstanceKey: handlerKey,
    });
    if (handlerKey === -1 && subscription.value.compensationHandlerId !== '') {
      // The handler is not in the thrower's definition (an instance migrated to a version without it): nothing to wait for.
      const current = this.ctx.state.compensations.get(subscription.key)!;
      this.ctx.event(subscription.key, 'COMPENSATION_SUBSCRIPTION', 'COMPLETED', current.value);
      this.completeFlowScopes(subscription.value.processInstanceKey, subscription.value.compensableActivityScopeKey);
    }
    // Propagate into the completed sub-process (or multi-instance body) the subscription stands for.
    for (const inner of open.filter((s) => s.value.compensableActivityScopeKey === subscription.value.compensableActivityInstanceKey)) {
      this.triggerOne(thrower, open, inner);
    }
  }

  /** Activates and completes the compensation boundary event, then asks for the handler; its key. */
  private activateHandler(thrower: ElementContext, subscription: CompensationSubscriptionValue): number {
    const definitionKey = thrower.value.processDefinitionKey;
    const activity = this.ctx.state.models.element(definitionKey, subscription.compensableActivityId);
    const boundary = activity ? this.compensationBoundary(activity, definitionKey) : undefined;
    const handler = this.ctx.state.models.element(definitionKey, subscription.compensationHandlerId);
    if (!boundary || !handler) return -1;
    const boundaryValue = {
      ...thrower.value,
      elementId: boundary.id,
      bpmnElementType: 'BOUNDARY_EVENT' as const,
      bpmnEventType: 'COMPENSATION',
    };
    const boundaryKey = this.ctx.nextKey();
    for (const intent of ['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED'] as const) {
      this.ctx.event(boundaryKey, 'PROCESS_INSTANCE', intent, boundaryValue);
    }
    const handlerKey = this.ctx.nextKey();
    this.ctx.followUp(handlerKey, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', {
      ...thrower.value,
      elementId: handler.id,
      bpmnElementType: handler.multiInstance ? 'MULTI_INSTANCE_BODY' : handler.type,
      bpmnEventType: 'COMPENSATION',
    });
    return handlerKey;
  }

  /** Bottom-up: a flow-scope subscription with nothing left below it is COMPLETED, then its own scope. */
  private completeFlowScopes(processInstanceKey: number, scopeKey: number): void {
    const all = this.ctx.state.compensations.subscriptionsOf(processInstanceKey);
    if (all.some((s) => s.value.compensableActivityScopeKey === scopeKey)) return;
    const owner = all.find((s) => s.value.compensableActivityInstanceKey === scopeKey && s.value.compensationHandlerId === '');
    if (!owner) return;
    this.ctx.event(owner.key, 'COMPENSATION_SUBSCRIPTION', 'COMPLETED', owner.value);
    this.completeFlowScopes(processInstanceKey, owner.value.compensableActivityScopeKey);
  }

  /** The compensation boundary event of an activity (a multi-instance activity's belongs to its body). */
  private compensationBoundary(activity: ExecutableElement, processDefinitionKey: number): ExecutableElement | undefined {
    for (const id of activity.boundaryEventIds ?? []) {
      const boundary = this.ctx.state.models.element(processDefinitionKey, id);
      if (boundary?.eventType === 'COMPENSATION') return boundary;
    }
    return undefined;
  }

  /** Whether a sub-process or multi-instance body holds subscriptions of completed children. */
  private holdsSubscriptions(element: ElementContext): boolean {
    if (!FLOW_SCOPE_TYPES.has(element.value.bpmnElementType)) return false;
    return this.ctx.state.compensations.subscriptionsOf(element.value.processInstanceKey).some((s) => s.value.compensableActivityScopeKey === element.key);
  }

  /** An inner instance of a multi-instance body (the body holds the boundary events). */
  private isInnerInstance(element: ElementContext): boolean {
    const scope = this.ctx.state.elementInstances.get(element.value.flowScopeKey);
    return scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' && scope.value.elementId === element.value.elementId;
  }
}
