/**
 * Value types of part 2A (timers, messages, process events), shaped like Zeebe's exported records.
 * They extend the {@link EventIntents}, {@link CommandIntents} and {@link ValueOf} maps by interface
 * merging, so the applier and processor registries must cover them like every other value type.
 */
import type { VariableDocument } from './record.ts';

/** TIMER value (Zeebe's TimerRecord). Start-event timers have elementInstanceKey and processInstanceKey -1. */
export interface TimerValue {
  elementInstanceKey: number;
  processInstanceKey: number;
  dueDate: number;
  /** The element the timer triggers (catch event, boundary event, start event). */
  targetElementId: string;
  /** Repetitions left for cycles (-1 unbounded), 1 for duration and date timers. */
  repetitions: number;
  processDefinitionKey: number;
  tenantId: string;
}

/** MESSAGE value (Zeebe's MessageRecord). */
export interface MessageValue {
  name: string;
  correlationKey: string;
  timeToLive: number;
  messageId: string;
  variables: VariableDocument;
  /** Expiry time (epoch ms): publish time + timeToLive. */
  deadline: number;
  tenantId: string;
}

/** MESSAGE_SUBSCRIPTION value (the message side of a subscription). */
export interface MessageSubscriptionValue {
  processInstanceKey: number;
  elementInstanceKey: number;
  bpmnProcessId: string;
  messageName: string;
  correlationKey: string;
  messageKey: number;
  variables: VariableDocument;
  interrupting: boolean;
  tenantId: string;
}

/** PROCESS_MESSAGE_SUBSCRIPTION value (the process side of a subscription). */
export interface ProcessMessageSubscriptionValue extends MessageSubscriptionValue {
  subscriptionPartitionId: number;
  /** The element the message triggers (catch event, receive task, boundary event). */
  elementId: string;
}

/** MESSAGE_START_EVENT_SUBSCRIPTION value. */
export interface MessageStartEventSubscriptionValue {
  processDefinitionKey: number;
  bpmnProcessId: string;
  startEventId: string;
  messageName: string;
  messageKey: number;
  correlationKey: string;
  variables: VariableDocument;
  processInstanceKey: number;
  tenantId: string;
}

/** PROCESS_EVENT value: an event that triggers an element in a scope (Zeebe's ProcessEventRecord). */
export interface ProcessEventValue {
  /** Element instance whose boundary (or whose child) the event triggers. */
  scopeKey: number;
  targetElementId: string;
  variables: VariableDocument;
  processDefinitionKey: number;
  processInstanceKey: number;
  tenantId: string;
}

/** SIGNAL value (Zeebe's SignalRecord). */
export interface SignalValue {
  signalName: string;
  variables: VariableDocument;
  tenantId: string;
}

/** SIGNAL_SUBSCRIPTION value; start-event subscriptions have catchEventInstanceKey -1. */
export interface SignalSubscriptionValue {
  processDefinitionKey: number;
  bpmnProcessId: string;
  catchEventId: string;
  catchEventInstanceKey: number;
  signalName: string;
  tenantId: string;
}

/** ESCALATION value (Zeebe's EscalationRecord). */
export interface EscalationValue {
  processInstanceKey: number;
  escalationCode: string;
  throwElementId: string;
  /** The catching boundary event, '' when nothing caught the escalation. */
  catchElementId: string;
  tenantId: string;
}

declare module './intents.ts' {
  interface EventIntents {
    TIMER: 'CREATED' | 'TRIGGERED' | 'CANCELED' | 'MIGRATED';
    MESSAGE: 'PUBLISHED' | 'EXPIRED';
    MESSAGE_SUBSCRIPTION: 'CREATED' | 'CORRELATING' | 'CORRELATED' | 'DELETED' | 'MIGRATED';
    PROCESS_MESSAGE_SUBSCRIPTION: 'CREATING' | 'CREATED' | 'CORRELATED' | 'DELETED' | 'MIGRATED';
    MESSAGE_START_EVENT_SUBSCRIPTION: 'CREATED' | 'CORRELATED' | 'DELETED';
    PROCESS_EVENT: 'TRIGGERING' | 'TRIGGERED';
    SIGNAL: 'BROADCASTED';
    SIGNAL_SUBSCRIPTION: 'CREATED' | 'DELETED' | 'MIGRATED';
    ESCALATION: 'ESCALATED' | 'NOT_ESCALATED';
  }
  interface CommandIntents {
    TIMER: 'TRIGGER';
    MESSAGE: 'PUBLISH' | 'EXPIRE';
    PROCESS_MESSAGE_SUBSCRIPTION: 'CORRELATE';
    MESSAGE_SUBSCRIPTION: 'MIGRATE';
    SIGNAL: 'BROADCAST';
  }
}

declare module './record.ts' {
  interface ValueOf {
    TIMER: TimerValue;
    MESSAGE: MessageValue;
    MESSAGE_SUBSCRIPTION: MessageSubscriptionValue;
    PROCESS_MESSAGE_SUBSCRIPTION: ProcessMessageSubscriptionValue;
    MESSAGE_START_EVENT_SUBSCRIPTION: MessageStartEventSubscriptionValue;
    PROCESS_EVENT: ProcessEventValue;
    SIGNAL: SignalValue;
    SIGNAL_SUBSCRIPTION: SignalSubscriptionValue;
    ESCALATION: EscalationValue;
  }
}
