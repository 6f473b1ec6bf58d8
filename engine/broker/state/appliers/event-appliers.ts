/** Appliers for TIMER, MESSAGE, the message subscription value types and PROCESS_EVENT (part 2A). */
import type { Appliers } from './applier.ts';

type EventAppliers = Pick<
  Appliers,
  | 'TIMER'
  | 'MESSAGE'
  | 'MESSAGE_SUBSCRIPTION'
  | 'PROCESS_MESSAGE_SUBSCRIPTION'
  | 'MESSAGE_START_EVENT_SUBSCRIPTION'
  | 'PROCESS_EVENT'
  | 'SIGNAL'
  | 'SIGNAL_SUBSCRIPTION'
  | 'ESCALATION'
>;

export const eventAppliers: EventAppliers = {
  TIMER: {
    CREATED: (state, record) => state.events.putTimer(record.key, record.value),
    TRIGGERED: (state, record) => state.events.removeTimer(record.key),
    CANCELED: (state, record) => state.events.removeTimer(record.key),
    // MigrateProcessInstance: the timer now triggers the mapped catch event of the target definition.
    MIGRATED: (state, record) => {
      state.events.removeTimer(record.key);
      state.events.putTimer(record.key, record.value);
    },
  },
  MESSAGE: {
    PUBLISHED: (state, record) => state.events.putMessage(record.key, record.value),
    EXPIRED: (state, record) => state.events.removeMessage(record.key),
  },
  MESSAGE_SUBSCRIPTION: {
    // The process side (PROCESS_MESSAGE_SUBSCRIPTION) holds the subscription; these records mirror Zeebe's stream.
    CREATED: () => {},
    CORRELATING: () => {},
    CORRELATED: (state, record) => state.events.markCorrelated(record.value.messageKey, record.value.bpmnProcessId),
    DELETED: () => {},
    MIGRATED: () => {},
  },
  PROCESS_MESSAGE_SUBSCRIPTION: {
    CREATING: (state, record) => state.events.putSubscription(record.key, record.value),
    CREATED: () => {},
    // A non-interrupting boundary keeps its subscription open for further messages.
    CORRELATED: (state, record) => {
      if (record.value.interrupting) state.events.removeSubscription(record.key);
    },
    DELETED: (state, record) => state.events.removeSubscription(record.key),
    // MigrateProcessInstance: same key and message, now for the mapped catch event (and its interrupting flag).
    MIGRATED: (state, record) => {
      state.events.removeSubscription(record.key);
      state.events.putSubscription(record.key, record.value);
    },
  },
  MESSAGE_START_EVENT_SUBSCRIPTION: {
    CREATED: (state, record) => state.events.putStartSubscription(record.value),
    CORRELATED: (state, record) => {
      state.events.markCorrelated(record.value.messageKey, record.value.bpmnProcessId);
      state.events.setStartCorrelationOwner(record.value.bpmnProcessId, record.value.correlationKey, record.value.processInstanceKey);
    },
    DELETED: (state, record) => state.events.removeStartSubscription(record.value),
  },
  SIGNAL: {
    BROADCASTED: () => {},
  },
  ESCALATION: {
    ESCALATED: () => {},
    NOT_ESCALATED: () => {},
  },
  SIGNAL_SUBSCRIPTION: {
    CREATED: (state, record) => state.events.signals.put(record.key, record.value),
    DELETED: (state, record) => state.events.signals.remove(record.key),
    MIGRATED: (state, record) => state.events.signals.put(record.key, record.value),
  },
  PROCESS_EVENT: {
    TRIGGERING: (state, record) => {
      state.events.setTrigger(record.value);
      // An interrupting event sub-process start drops the scope's pending tokens: nothing else starts in it.
      const target = state.models.element(record.value.processDefinitionKey, record.value.targetElementId);
      const scope = state.elementInstances.get(record.value.scopeKey);
      if (scope && target?.type === 'START_EVENT' && target.interrupting === true) {
        scope.activeFlows = 0;
        scope.pendingFlows = undefined;
        scope.interrupted = true;
      }
    },
    TRIGGERED: (state, record) => state.events.clearTrigger(record.value.scopeKey),
  },
};
