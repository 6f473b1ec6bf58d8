/**
 * Value types and intents of the record stream, named as Zeebe names them.
 * Events (what happened) and commands (what was asked) are listed per value type so that
 * appliers and command processors can be typed as complete maps over them.
 */

/** Event intents per value type: one applier must exist for each. */
export interface EventIntents {
  DEPLOYMENT: 'CREATED';
  PROCESS: 'CREATED' | 'DELETING' | 'DELETED';
  FORM: 'CREATED' | 'DELETED';
  PROCESS_INSTANCE:
    | 'ELEMENT_ACTIVATING'
    | 'ELEMENT_ACTIVATED'
    | 'ELEMENT_COMPLETING'
    | 'ELEMENT_COMPLETED'
    | 'ELEMENT_TERMINATING'
    | 'ELEMENT_TERMINATED'
    | 'SEQUENCE_FLOW_TAKEN'
    | 'ELEMENT_MIGRATED';
  PROCESS_INSTANCE_CREATION: 'CREATED';
  PROCESS_INSTANCE_MODIFICATION: 'MODIFIED';
  PROCESS_INSTANCE_MIGRATION: 'MIGRATED';
  JOB:
    | 'CREATED'
    | 'COMPLETED'
    | 'FAILED'
    | 'TIMED_OUT'
    | 'RETRIES_UPDATED'
    | 'TIMEOUT_UPDATED'
    | 'CANCELED'
    | 'ERROR_THROWN'
    | 'RECURRED_AFTER_BACKOFF'
    | 'YIELDED'
    | 'MIGRATED';
  JOB_BATCH: 'ACTIVATED';
  VARIABLE: 'CREATED' | 'UPDATED' | 'MIGRATED';
  VARIABLE_DOCUMENT: 'UPDATED';
  INCIDENT: 'CREATED' | 'RESOLVED' | 'MIGRATED';
}

/** Command intents per value type: one command processor must exist for each. */
export interface CommandIntents {
  DEPLOYMENT: 'CREATE';
  PROCESS_INSTANCE: 'ACTIVATE_ELEMENT' | 'COMPLETE_ELEMENT' | 'TERMINATE_ELEMENT' | 'CANCEL';
  PROCESS_INSTANCE_CREATION: 'CREATE' | 'CREATE_WITH_AWAITING_RESULT';
  PROCESS_INSTANCE_MODIFICATION: 'MODIFY';
  PROCESS_INSTANCE_MIGRATION: 'MIGRATE';
  JOB:
    | 'COMPLETE'
    | 'FAIL'
    | 'THROW_ERROR'
    | 'TIME_OUT'
    | 'UPDATE_RETRIES'
    | 'UPDATE_TIMEOUT'
    | 'RECUR_AFTER_BACKOFF'
    | 'YIELD';
  JOB_BATCH: 'ACTIVATE';
  VARIABLE_DOCUMENT: 'UPDATE';
  INCIDENT: 'RESOLVE';
}

/** Every value type that appears in the stream. */
export type ValueType = keyof EventIntents;

/** Value types that have commands. */
export type CommandValueType = keyof CommandIntents;

/** Any intent, event or command. */
export type Intent = EventIntents[ValueType] | CommandIntents[CommandValueType];

/** COMMAND, EVENT or COMMAND_REJECTION, as in Zeebe's exported records. */
export type RecordType = 'COMMAND' | 'EVENT' | 'COMMAND_REJECTION';

/** Why a command was rejected (Zeebe's RejectionType). */
export type RejectionType =
  | 'NULL_VAL'
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'PROCESSING_ERROR';

/** Incident error types (subset of Zeebe's ErrorType used so far). */
export type IncidentErrorType =
  | 'UNKNOWN'
  | 'IO_MAPPING_ERROR'
  | 'JOB_NO_RETRIES'
  | 'CONDITION_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'UNHANDLED_ERROR_EVENT'
  | 'CALLED_ELEMENT_ERROR'
  | 'CALLED_DECISION_ERROR'
  | 'DECISION_EVALUATION_ERROR';
