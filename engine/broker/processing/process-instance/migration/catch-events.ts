/**
 * Catch events in a migration (Zeebe's ProcessInstanceMigrationCatchEventBehaviour): per element
 * instance, subscriptions of mapped catch events are migrated (TIMER / PROCESS_MESSAGE_SUBSCRIPTION /
 * MESSAGE_SUBSCRIPTION / SIGNAL_SUBSCRIPTION MIGRATED, same keys, the target's element id), those of
 * unmapped source catch events are closed, and catch events of the target that no mapping
 * instruction targets are subscribed anew (expressions evaluated now).
 */
import type { ExecutableElement, ExecutableProcess } from '../../../model/index.ts';
import type { ProcessInstanceValue } from '../../../protocol/record.ts';
import type { ElementInstance } from '../../../state/element-instance-state.ts';
import { isEventSubProcessStart, isInterruptingCatch } from '../../bpmn/behavior/event-sub-process-behavior.ts';
import { scheduleTimer, signalNameOf } from '../../bpmn/behavior/event-behavior.ts';
import type { BpmnBehaviors } from '../../bpmn/behavior/bpmn-behaviors.ts';
import { rejections } from './rejections.ts';

/** How an element instance holds catch events: a multi-instance body holds the boundary events, its inner instances do not. */
export interface InstanceShape {
  readonly body: boolean;
  readonly inner: boolean;
}

/**
 * The catch events an instance of `element` owns in `model`, as the broker subscribes them: a
 * body's boundary events; an event-based gateway's targets; a catch event or receive task itself;
 * an activity's boundary events (not for inner instances); a scope's event sub-process start events.
 */
export function ownedCatchEvents(model: ExecutableProcess, element: ExecutableElement, shape: InstanceShape): ExecutableElement[] {
  const events: ExecutableElement[] = [];
  const add = (id: string | undefined): void => {
    const event = id === undefined ? undefined : model.elements.get(id);
    if (event) events.push(event);
  };
  if (shape.body) {
    for (const id of element.boundaryEventIds ?? []) add(id);
    return events;
  }
  if (element.type === 'EVENT_BASED_GATEWAY') {
    for (const flowId of element.outgoing) add(model.sequenceFlows.get(flowId)?.targetId);
    return events;
  }
  if (element.type === 'INTERMEDIATE_CATCH_EVENT' || element.type === 'RECEIVE_TASK') events.push(element);
  if (!shape.inner) for (const id of element.boundaryEventIds ?? []) add(id);
  if (element.type === 'PROCESS' || element.type === 'SUB_PROCESS' || element.type === 'EVENT_SUB_PROCESS') {
    for (const id of element.childIds) {
      const child = model.elements.get(id);
      if (child?.type !== 'EVENT_SUB_PROCESS') continue;
      for (const innerId of child.childIds) {
        const start = model.elements.get(innerId);
        if (start && isEventSubProcessStart(start)) events.push(start);
      }
    }
  }
  return events;
}

/** Whether a catch event has a subscription (timer, message, signal); error and escalation catch events have none. */
function subscribable(event: ExecutableElement): boolean {
  return event.eventType === 'TIMER' || event.eventType === 'MESSAGE' || event.eventType === 'SIGNAL' || event.type === 'RECEIVE_TASK';
}

/** What happens to the catch events of one element instance. */
export interface CatchEventPlan {
  /** Catch events of the target to subscribe anew. */
  readonly open: readonly ExecutableElement[];
}

/** The inputs of one element instance's catch event checks. */
export interface CatchEventCheck {
  readonly instance: Readonly<ElementInstance>;
  readonly shape: InstanceShape;
  readonly source: ExecutableProcess;
  readonly target: ExecutableProcess;
  readonly sourceElement: ExecutableElement;
  readonly targetElement: ExecutableElement;
  readonly mapping: ReadonlyMap<string, string>;
  /** Ids that some mapping instruction targets. */
  readonly mappedTargets: ReadonlySet<string>;
}

/**
 * Zeebe's catch event preconditions (mapped catch events stay attached, are not merged, keep their
 * event type), then `thenCheck`, then the subscriptions to open, evaluated now: a failing expression or a message the
 * instance is already subscribed to rejects the migration. Throws a MigrationRejection.
 */
export function planCatchEvents(check: CatchEventCheck, bpmn: BpmnBehaviors, thenCheck: () => void = () => {}): CatchEventPlan {
  const { instance, shape, source, target, sourceElement, targetElement, mapping, mappedTargets } = check;
  const pi = instance.value.processInstanceKey;
  const id = instance.value.elementId;
  const sourceEvents = ownedCatchEvents(source, sourceElement, shape);
  const targetEvents = ownedCatchEvents(target, targetElement, shape);
  const mapped = sourceEvents.filter((event) => mapping.has(event.id));
  for (const event of mapped) {
    const targetEventId = mapping.get(event.id)!;
    if (!targetEvents.some((t) => t.id === targetEventId)) throw rejections.catchEventDetached(pi, id, targetElement.id, event.id, targetEventId);
  }
  const byTarget = new Map<string, string[]>();
  for (const event of mapped) byTarget.set(mapping.get(event.id)!, [...(byTarget.get(mapping.get(event.id)!) ?? []), event.id]);
  for (const [targetEventId, sourceIds] of byTarget) {
    if (sourceIds.length > 1) throw rejections.catchEventsMerged(pi, id, targetEventId, sourceIds);
  }
  for (const event of mapped) {
    const targetEvent = target.elements.get(mapping.get(event.id)!)!;
    if (event.eventType !== targetEvent.eventType) throw rejections.catchEventTypeChanged(pi, id, event.id, targetEvent.id, event.eventType, targetEvent.eventType);
  }
  // Zeebe checks the loop characteristics and concurrent commands here, before opening subscriptions.
  thenCheck();
  // Zeebe handles the catch events of every element past ACTIVATING (also one stuck COMPLETING on an output
  // mapping incident; completing it again closes them). A TERMINATING one is leaving and had its
  // subscriptions closed already: nothing would close new ones. An interrupted scope subscribes to nothing new.
  if ((instance.state !== 'ELEMENT_ACTIVATED' && instance.state !== 'ELEMENT_COMPLETING') || instance.interrupted) return { open: [] };
  const open = targetEvents.filter((event) => subscribable(event) && !mappedTargets.has(event.id));
  const variables = bpmn.ctx.state.variables.collect(instance.key);
  const heldNames = new Set(bpmn.ctx.state.events.subscriptionsOf(instance.key).map((s) => s.value.messageName));
  for (const event of open) {
    if (event.eventType === 'TIMER') {
      const schedule = scheduleTimer(event, variables, bpmn.ctx.now);
      if (!schedule.ok) throw rejections.subscriptionFailed(pi, id, targetElement.id, schedule.message);
    } else if (event.eventType === 'SIGNAL') {
      const name = signalNameOf(event, variables);
      if (!name.ok) throw rejections.subscriptionFailed(pi, id, targetElement.id, name.message);
    } else {
      const message = bpmn.events.messageOf(event, variables);
      if (!message.ok) throw rejections.subscriptionFailed(pi, id, targetElement.id, message.message);
      if (heldNames.has(message.value.name)) throw rejections.alreadySubscribedToMessage(pi, id, message.value.name, event.id);
    }
  }
  return { open };
}

/**
 * Writes the catch event part of one element instance's migration (after its ELEMENT_MIGRATED):
 * closes the subscriptions of unmapped source catch events, opens the planned new ones, then
 * migrates the mapped ones — Zeebe's order.
 */
export function migrateCatchEvents(
  bpmn: BpmnBehaviors,
  key: number,
  migrated: ProcessInstanceValue,
  targetElement: ExecutableElement,
  target: ExecutableProcess,
  mapping: ReadonlyMap<string, string>,
  plan: CatchEventPlan,
): void {
  const { ctx } = bpmn;
  const events = ctx.state.events;
  const toMigrate = {
    timers: events.timersOf(key).filter((timerKey) => mapping.has(events.timer(timerKey)!.targetElementId)),
    messages: events.subscriptionsOf(key).filter((s) => mapping.has(s.value.elementId)),
    signals: events.signals.subscriptionsOf(key).filter((s) => mapping.has(s.value.catchEventId)),
  };
  bpmn.events.unsubscribe(key, (catchEventId) => !mapping.has(catchEventId));
  if (plan.open.length > 0) {
    const openIds = new Set(plan.open.map((event) => event.id));
    const seen = new Set<string>();
    const include = (event: ExecutableElement): boolean => openIds.has(event.id) && !seen.has(event.id) && seen.add(event.id) !== undefined;
    const opened = bpmn.events.subscribe({ key, value: migrated, element: targetElement }, plan.open, include);
    if (!opened.ok) throw new Error(`Expected the migrated subscriptions of '${key}' to open, as checked before: ${opened.message}`);
  }
  const targetEvent = (sourceId: string): ExecutableElement => target.elements.get(mapping.get(sourceId)!)!;
  for (const timerKey of toMigrate.timers) {
    const timer = events.timer(timerKey)!;
    ctx.event(timerKey, 'TIMER', 'MIGRATED', { ...timer, targetElementId: mapping.get(timer.targetElementId)!, processDefinitionKey: migrated.processDefinitionKey });
  }
  for (const subscription of toMigrate.messages) {
    const value = {
      ...subscription.value,
      bpmnProcessId: migrated.bpmnProcessId,
      elementId: mapping.get(subscription.value.elementId)!,
      interrupting: isInterruptingCatch(targetEvent(subscription.value.elementId)),
    };
    ctx.event(subscription.key, 'PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED', value);
    const { subscriptionPartitionId: _p, elementId: _e, ...messageSide } = value;
    // As Zeebe, the message side follows through a MIGRATE command (MigrateMessageSubscription).
    ctx.followUp(subscription.key, 'MESSAGE_SUBSCRIPTION', 'MIGRATE', messageSide);
  }
  for (const subscription of toMigrate.signals) {
    ctx.event(subscription.key, 'SIGNAL_SUBSCRIPTION', 'MIGRATED', {
      ...subscription.value,
      catchEventId: mapping.get(subscription.value.catchEventId)!,
      processDefinitionKey: migrated.processDefinitionKey,
      bpmnProcessId: migrated.bpmnProcessId,
    });
  }
}
