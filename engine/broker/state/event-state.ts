/**
 * State of part 2A: pending timers, buffered messages, message subscriptions (process and start
 * event side) and pending event triggers. Changed only by the appliers in appliers/event-appliers.ts.
 */
import type {
  MessageStartEventSubscriptionValue,
  MessageValue,
  ProcessEventValue,
  ProcessMessageSubscriptionValue,
  TimerValue,
} from '../protocol/event-records.ts';
import { SignalState, type ReadonlySignalState } from './signal-state.ts';

/** Index key of a message name and correlation key. */
export function correlationIndex(name: string, correlationKey: string): string {
  return `${name}\u0000${correlationKey}`;
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}

/** A process message subscription with its key. */
export interface OpenSubscription {
  readonly key: number;
  readonly value: ProcessMessageSubscriptionValue;
}

/** Read access for processors and the due-date checker. */
export interface ReadonlyEventState {
  timer(key: number): TimerValue | undefined;
  /** Keys of the timers of an element instance (or of a process definition's start events, key -1). */
  timersOf(elementInstanceKey: number): readonly number[];
  /** Start-event timers of a process definition. */
  startTimersOf(processDefinitionKey: number): readonly number[];
  /** Timers due at `now`, oldest first, at most `limit`. */
  dueTimers(now: number, limit: number): number[];
  message(key: number): MessageValue | undefined;
  /** Live messages with this name and correlation key, in publish order. */
  messagesFor(name: string, correlationKey: string): readonly number[];
  /** Key of a live message with this name, correlation key and message id. */
  messageWithId(name: string, correlationKey: string, messageId: string): number | undefined;
  /** Whether a message already correlated to (an instance of) this process. */
  correlatedTo(messageKey: number, bpmnProcessId: string): boolean;
  /** Messages whose time to live is over at `now`, at most `limit`. */
  expiredMessages(now: number, limit: number): number[];
  subscription(key: number): OpenSubscription | undefined;
  /** Open subscriptions of an element instance. */
  subscriptionsOf(elementInstanceKey: number): readonly OpenSubscription[];
  /** Open subscriptions waiting for a message name and correlation key, oldest first. */
  subscriptionsFor(name: string, correlationKey: string): readonly OpenSubscription[];
  /** Message start event subscriptions by message name. */
  startSubscriptionsFor(name: string): readonly MessageStartEventSubscriptionValue[];
  /** Start subscriptions of a process definition. */
  startSubscriptionsOf(processDefinitionKey: number): readonly MessageStartEventSubscriptionValue[];
  /** The instance a message start event created for this process and correlation key, if recorded. */
  startCorrelationOwner(bpmnProcessId: string, correlationKey: string): number | undefined;
  /** The correlation key of the message that started a process instance (while it is the owner of that key). */
  startCorrelationKeyOf(processInstanceKey: number): string | undefined;
  /** The event waiting to trigger a boundary event once this element instance is terminated. */
  pendingTrigger(scopeKey: number): ProcessEventValue | undefined;
  /** Signal subscriptions. */
  readonly signals: ReadonlySignalState;
}

/** Mutable event state. */
export class EventState implements ReadonlyEventState {
  private readonly timers = new Map<number, TimerValue>();
  private readonly timersByInstance = new Map<number, Set<number>>();
  private readonly startTimers = new Map<number, Set<number>>();
  private readonly messages = new Map<number, MessageValue>();
  private readonly messagesByCorrelation = new Map<string, Set<number>>();
  private readonly messageIds = new Map<string, number>();
  private readonly correlations = new Set<string>();
  private readonly subscriptions = new Map<number, ProcessMessageSubscriptionValue>();
  private readonly subscriptionsByInstance = new Map<number, Set<number>>();
  private readonly subscriptionsByCorrelation = new Map<string, Set<number>>();
  private readonly startSubscriptions = new Map<string, MessageStartEventSubscriptionValue>();
  private readonly startCorrelations = new Map<string, number>();
  /** Reverse of startCorrelations: owning process instance → correlation key. */
  private readonly startedBy = new Map<number, string>();
  private readonly triggers = new Map<number, ProcessEventValue>();
  readonly signals = new SignalState();

  timer(key: number): TimerValue | undefined {
    return this.timers.get(key);
  }
  timersOf(elementInstanceKey: number): readonly number[] {
    return [...(this.timersByInstance.get(elementInstanceKey) ?? [])];
  }
  startTimersOf(processDefinitionKey: number): readonly number[] {
    return [...(this.startTimers.get(processDefinitionKey) ?? [])];
  }
  dueTimers(now: number, limit: number): number[] {
    const due: [number, number][] = [];
    for (const [key, timer] of this.timers) if (timer.dueDate <= now) due.push([timer.dueDate, key]);
    due.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return due.slice(0, limit).map(([, key]) => key);
  }
  putTimer(key: number, timer: TimerValue): void {
    this.timers.set(key, timer);
    if (timer.elementInstanceKey > 0) addTo(this.timersByInstance, timer.elementInstanceKey, key);
    else addTo(this.startTimers, timer.processDefinitionKey, key);
  }
  removeTimer(key: number): void {
    const timer = this.timers.get(key);
    if (!timer) return;
    this.timers.delete(key);
    removeFrom(this.timersByInstance, timer.elementInstanceKey, key);
    removeFrom(this.startTimers, timer.processDefinitionKey, key);
  }

  message(key: number): MessageValue | undefined {
    return this.messages.get(key);
  }
  messagesFor(name: string, correlationKey: string): readonly number[] {
    return [...(this.messagesByCorrelation.get(correlationIndex(name, correlationKey)) ?? [])];
  }
  messageWithId(name: string, correlationKey: string, messageId: string): number | undefined {
    return this.messageIds.get(`${correlationIndex(name, correlationKey)}\u0000${messageId}`);
  }
  correlatedTo(messageKey: number, bpmnProcessId: string): boolean {
    return this.correlations.has(`${messageKey}\u0000${bpmnProcessId}`);
  }
  expiredMessages(now: number, limit: number): number[] {
    const expired: number[] = [];
    for (const [key, message] of this.messages) {
      if (message.deadline <= now) expired.push(key);
      if (expired.length >= limit) break;
    }
    return expired;
  }
  putMessage(key: number, message: MessageValue): void {
    this.messages.set(key, message);
    addTo(this.messagesByCorrelation, correlationIndex(message.name, message.correlationKey), key);
    if (message.messageId !== '') {
      this.messageIds.set(`${correlationIndex(message.name, message.correlationKey)}\u0000${message.messageId}`, key);
    }
  }
  removeMessage(key: number): void {
    const message = this.messages.get(key);
    if (!message) return;
    this.messages.delete(key);
    removeFrom(this.messagesByCorrelation, correlationIndex(message.name, message.correlationKey), key);
    this.messageIds.delete(`${correlationIndex(message.name, message.correlationKey)}\u0000${message.messageId}`);
    for (const entry of [...this.correlations]) if (entry.startsWith(`${key}\u0000`)) this.correlations.delete(entry);
  }
  markCorrelated(messageKey: number, bpmnProcessId: string): void {
    if (this.messages.has(messageKey)) this.correlations.add(`${messageKey}\u0000${bpmnProcessId}`);
  }

  subscription(key: number): OpenSubscription | undefined {
    const value = this.subscriptions.get(key);
    return value ? { key, value } : undefined;
  }
  subscriptionsOf(elementInstanceKey: number): readonly OpenSubscription[] {
    return [...(this.subscriptionsByInstance.get(elementInstanceKey) ?? [])].map((key) => this.subscription(key)!);
  }
  subscriptionsFor(name: string, correlationKey: string): readonly OpenSubscription[] {
    const keys = [...(this.subscriptionsByCorrelation.get(correlationIndex(name, correlationKey)) ?? [])];
    return keys.sort((a, b) => a - b).map((key) => this.subscription(key)!);
  }
  putSubscription(key: number, value: ProcessMessageSubscriptionValue): void {
    this.subscriptions.set(key, value);
    addTo(this.subscriptionsByInstance, value.elementInstanceKey, key);
    addTo(this.subscriptionsByCorrelation, correlationIndex(value.messageName, value.correlationKey), key);
  }
  removeSubscription(key: number): void {
    const value = this.subscriptions.get(key);
    if (!value) return;
    this.subscriptions.delete(key);
    removeFrom(this.subscriptionsByInstance, value.elementInstanceKey, key);
    removeFrom(this.subscriptionsByCorrelation, correlationIndex(value.messageName, value.correlationKey), key);
  }

  startSubscriptionsFor(name: string): readonly MessageStartEventSubscriptionValue[] {
    return [...this.startSubscriptions.values()].filter((s) => s.messageName === name);
  }
  startSubscriptionsOf(processDefinitionKey: number): readonly MessageStartEventSubscriptionValue[] {
    return [...this.startSubscriptions.values()].filter((s) => s.processDefinitionKey === processDefinitionKey);
  }
  putStartSubscription(value: MessageStartEventSubscriptionValue): void {
    this.startSubscriptions.set(`${value.processDefinitionKey}\u0000${value.startEventId}`, value);
  }
  removeStartSubscription(value: MessageStartEventSubscriptionValue): void {
    this.startSubscriptions.delete(`${value.processDefinitionKey}\u0000${value.startEventId}`);
  }
  startCorrelationOwner(bpmnProcessId: string, correlationKey: string): number | undefined {
    return this.startCorrelations.get(`${bpmnProcessId}\u0000${correlationKey}`);
  }
  setStartCorrelationOwner(bpmnProcessId: string, correlationKey: string, processInstanceKey: number): void {
    if (correlationKey === '') return;
    const id = `${bpmnProcessId}\u0000${correlationKey}`;
    const previous = this.startCorrelations.get(id);
    if (previous !== undefined) this.startedBy.delete(previous);
    this.startCorrelations.set(id, processInstanceKey);
    this.startedBy.set(processInstanceKey, correlationKey);
  }
  startCorrelationKeyOf(processInstanceKey: number): string | undefined {
    return this.startedBy.get(processInstanceKey);
  }
  /** The instance ended: it no longer holds the correlation key it was started for. */
  releaseStartCorrelation(bpmnProcessId: string, processInstanceKey: number): void {
    const correlationKey = this.startedBy.get(processInstanceKey);
    if (correlationKey === undefined) return;
    this.startedBy.delete(processInstanceKey);
    const id = `${bpmnProcessId}\u0000${correlationKey}`;
    if (this.startCorrelations.get(id) === processInstanceKey) this.startCorrelations.delete(id);
  }

  pendingTrigger(scopeKey: number): ProcessEventValue | undefined {
    return this.triggers.get(scopeKey);
  }
  setTrigger(value: ProcessEventValue): void {
    this.triggers.set(value.scopeKey, value);
  }
  clearTrigger(scopeKey: number): void {
    this.triggers.delete(scopeKey);
  }

  /** A plain, comparable picture (replay test). */
  snapshot(): unknown {
    const sorted = <T>(map: Map<number | string, T>): [number | string, T][] => [...map].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    return {
      timers: sorted(this.timers),
      messages: sorted(this.messages),
      correlations: [...this.correlations].sort(),
      subscriptions: sorted(this.subscriptions),
      startSubscriptions: sorted(this.startSubscriptions),
      startCorrelations: sorted(this.startCorrelations),
      startedBy: sorted(this.startedBy),
      triggers: sorted(this.triggers),
      signals: this.signals.snapshot(),
    };
  }
}
