/**
 * The rejection reasons of MigrateProcessInstance, worded as Zeebe 8.6/8.7's
 * ProcessInstanceMigrationPreconditions words them (so clients and operators see the same text).
 */
import { MigrationRejection } from './errors.ts';

const but = (pi: number): string => `Expected to migrate process instance '${pi}' but`;
const invalidState = (reason: string): MigrationRejection => new MigrationRejection('INVALID_STATE', reason);
const invalidArgument = (reason: string): MigrationRejection => new MigrationRejection('INVALID_ARGUMENT', reason);

/** Builders of every rejection, by precondition. */
export const rejections = {
  processInstanceNotFound: (pi: number) =>
    new MigrationRejection('NOT_FOUND', `Expected to migrate process instance but no process instance found with key '${pi}'`),
  duplicateSourceElementIds: (pi: number, ids: readonly string[]) =>
    invalidArgument(`${but(pi)} the mapping instructions contain duplicate source element ids '[${ids.join(', ')}]'.`),
  targetDefinitionNotFound: (key: number) =>
    new MigrationRejection('NOT_FOUND', `Expected to migrate process instance to process definition but no process definition found with key '${key}'`),
  targetHasStartEventInstance: (pi: number, targetKey: number, correlationKey: string) =>
    invalidState(
      `Expected to migrate process instance '${pi}' but target process definition '${targetKey}' has an active instance triggered by a message start event with correlation key '${correlationKey}'. Only one instance per correlation key is allowed for message start events.`,
    ),
  sourceElementNotFound: (pi: number, id: string) =>
    invalidArgument(
      `${but(pi)} mapping instructions contain a non-existing source element id '${id}'. Elements provided in mapping instructions must exist in the source process definition.`,
    ),
  targetElementNotFound: (pi: number, id: string) =>
    invalidArgument(
      `${but(pi)} mapping instructions contain a non-existing target element id '${id}'. Elements provided in mapping instructions must exist in the target process definition.`,
    ),
  unsupportedElementType: (pi: number, id: string, type: string) =>
    invalidState(`${but(pi)} active element with id '${id}' has an unsupported type. The migration of a ${type} is not supported.`),
  unsupportedCatchEventType: (pi: number, id: string, eventType: string) =>
    invalidState(
      `${but(pi)} active element with id '${id}' is intermediate catch event of type '${eventType}'. Migrating active intermediate catch event of this type is not possible yet.`,
    ),
  attachedToEventBasedGateway: (pi: number, id: string) =>
    invalidState(
      `${but(pi)} active element with id '${id}' is an intermediate catch event attached to an event-based gateway. Migrating active events attached to an event-based gateway is not possible yet.`,
    ),
  unmappedActiveElement: (pi: number, id: string) =>
    invalidState(`${but(pi)} no mapping instruction defined for active element with id '${id}'. Elements cannot be migrated without a mapping.`),
  elementTypeChanged: (pi: number, id: string, type: string, targetId: string, targetType: string) =>
    invalidState(
      `${but(pi)} active element with id '${id}' and type '${type}' is mapped to an element with id '${targetId}' and different type '${targetType}'. Elements must be mapped to elements of the same type.`,
    ),
  userTaskImplementationChanged: (pi: number, id: string, implementation: string, targetId: string, targetImplementation: string) =>
    invalidState(
      `${but(pi)} active user task with id '${id}' and implementation '${implementation}' is mapped to an user task with id '${targetId}' and different implementation '${targetImplementation}'. Elements must be mapped to elements of the same implementation.`,
    ),
  flowScopeChanged: (pi: number, id: string, expected: string, actual: string) =>
    invalidState(
      `${but(pi)} the flow scope of active element with id '${id}' is changed. The flow scope of the active element is expected to be '${expected}' but was '${actual}'. The flow scope of an element cannot be changed during migration yet.`,
    ),
  catchEventDetached: (pi: number, id: string, targetId: string, catchEventId: string, targetCatchEventId: string) =>
    invalidState(
      `${but(pi)} active element with id '${id}' is mapped to an element with id '${targetId}' and has a catch event with id '${catchEventId}' that is mapped to a catch event with id '${targetCatchEventId}'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`,
    ),
  catchEventsMerged: (pi: number, id: string, targetCatchEventId: string, sourceCatchEventIds: readonly string[]) =>
    invalidState(
      `${but(pi)} active element with id '${id}' has a catch event attached that is mapped to a catch event with id '${targetCatchEventId}'. There are multiple mapping instructions that target this catch event: '${[...sourceCatchEventIds].sort().join("', '")}'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.`,
    ),
  catchEventTypeChanged: (pi: number, id: string, catchEventId: string, targetCatchEventId: string, eventType: string, targetEventType: string) =>
    invalidState(
      `${but(pi)} active element with id '${id}' has a catch event with id '${catchEventId}' that is mapped to a catch event with id '${targetCatchEventId}'. These catch events have different event types: '${eventType}' and '${targetEventType}'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.`,
    ),
  loopCharacteristicsChanged: (pi: number, id: string, targetId: string) =>
    invalidState(
      `${but(pi)} active element with id '${id}' has a different loop characteristics than the target element with id '${targetId}'. Both elements must have either sequential or parallel loop characteristics.`,
    ),
  concurrentCommand: (pi: number) =>
    invalidState(`${but(pi)} a concurrent command was executed on the process instance. Please retry the migration.`),
  alreadySubscribedToMessage: (pi: number, id: string, messageName: string, targetCatchEventId: string) =>
    invalidState(
      `${but(pi)} active element with id '${id}' attempts to subscribe to a message it is already subscribed to with name '${messageName}'. Migrating active elements that subscribe to a message they are already subscribed to is not possible yet. Please provide a mapping instruction to message catch event with id '${targetCatchEventId}' to migrate the respective message subscription.`,
    ),
  subscriptionFailed: (pi: number, id: string, targetId: string, failure: string) =>
    invalidState(`${but(pi)} active element with id '${id}' is mapped to element with id '${targetId}' that must be subscribed to a catch event. ${failure}`),
};
