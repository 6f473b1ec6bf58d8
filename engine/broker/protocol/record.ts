/**
 * Records of the stream, shaped like Zeebe's exported records (protocol `Record<T>`).
 * Keys and positions are JS numbers: with one partition every key stays below 2^53.
 */
import type { BpmnElementType } from '../model/index.ts';
import type {
  CommandIntents,
  EventIntents,
  IncidentErrorType,
  Intent,
  RecordType,
  RejectionType,
  ValueType,
} from './intents.ts';
import type { DecisionMetadataValue, DecisionRequirementsMetadataValue } from './decision-records.ts';

export const DEFAULT_TENANT = '<default>';

/** A JSON object of variables. */
export type VariableDocument = Record<string, unknown>;

/** One resource of a deployment. */
export interface DeploymentResource {
  resourceName: string;
  /** UTF-8 text of the resource. */
  resource: string;
}

export interface ProcessMetadataValue {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: number;
  resourceName: string;
  checksum: string;
  duplicate: boolean;
  tenantId: string;
}

export interface FormMetadataValue {
  formId: string;
  version: number;
  formKey: number;
  resourceName: string;
  checksum: string;
  duplicate: boolean;
  tenantId: string;
}

export interface DeploymentValue {
  resources: DeploymentResource[];
  processesMetadata: ProcessMetadataValue[];
  formMetadata: FormMetadataValue[];
  decisionsMetadata: DecisionMetadataValue[];
  decisionRequirementsMetadata: DecisionRequirementsMetadataValue[];
  tenantId: string;
}

export interface ProcessValue extends Omit<ProcessMetadataValue, 'duplicate'> {
  resource: string;
  deploymentKey: number;
}

export interface FormValue extends Omit<FormMetadataValue, 'duplicate'> {
  resource: string;
  deploymentKey: number;
}

export interface ProcessInstanceValue {
  bpmnElementType: BpmnElementType;
  elementId: string;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: number;
  processInstanceKey: number;
  flowScopeKey: number;
  bpmnEventType: string;
  parentProcessInstanceKey: number;
  parentElementInstanceKey: number;
  tenantId: string;
}

export interface StartInstructionValue {
  elementId: string;
}

export interface ProcessInstanceCreationValue {
  bpmnProcessId: string;
  processDefinitionKey: number;
  version: number;
  processInstanceKey: number;
  variables: VariableDocument;
  startInstructions: StartInstructionValue[];
  fetchVariables: string[];
  tenantId: string;
}

/** A variable instruction of an activate instruction (scope element id '' = the process instance). */
export interface ModificationVariableInstructionValue {
  variables: VariableDocument;
  elementId: string;
}

/** One activate instruction of a process instance modification. */
export interface ModificationActivateInstructionValue {
  elementId: string;
  /** Selected ancestor element instance, -1 when none was selected. */
  ancestorScopeKey: number;
  variableInstructions: ModificationVariableInstructionValue[];
  /** Every flow scope key of the activated element (filled in the MODIFIED event). */
  ancestorScopeKeys: number[];
}

/** PROCESS_INSTANCE_MODIFICATION value, as Zeebe exports it. */
export interface ProcessInstanceModificationValue {
  processInstanceKey: number;
  terminateInstructions: { elementInstanceKey: number }[];
  activateInstructions: ModificationActivateInstructionValue[];
  tenantId: string;
}

/** PROCESS_INSTANCE_MIGRATION value, as Zeebe exports it. */
export interface ProcessInstanceMigrationValue {
  processInstanceKey: number;
  targetProcessDefinitionKey: number;
  mappingInstructions: { sourceElementId: string; targetElementId: string }[];
  tenantId: string;
}

export interface JobValue {
  type: string;
  worker: string;
  retries: number;
  deadline: number;
  timeout: number;
  errorMessage: string;
  errorCode: string;
  customHeaders: Record<string, string>;
  variables: VariableDocument;
  elementId: string;
  elementInstanceKey: number;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: number;
  processInstanceKey: number;
  retryBackoff: number;
  recurringTime: number;
  tenantId: string;
}

export interface JobBatchValue {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  jobKeys: number[];
  jobs: JobValue[];
  truncated: boolean;
  tenantIds: string[];
  /** Streetflow extension: variable names to fetch (all when empty). */
  fetchVariables: string[];
}

export interface VariableValue {
  name: string;
  /** JSON text, as Zeebe exports it. */
  value: string;
  scopeKey: number;
  processInstanceKey: number;
  processDefinitionKey: number;
  bpmnProcessId: string;
  tenantId: string;
}

export interface VariableDocumentValue {
  scopeKey: number;
  updateSemantics: 'LOCAL' | 'PROPAGATE';
  variables: VariableDocument;
  tenantId: string;
}

export interface IncidentValue {
  errorType: IncidentErrorType;
  errorMessage: string;
  bpmnProcessId: string;
  processDefinitionKey: number;
  processInstanceKey: number;
  elementId: string;
  elementInstanceKey: number;
  jobKey: number;
  variableScopeKey: number;
  tenantId: string;
}

/** The value carried by records of each value type. */
export interface ValueOf {
  DEPLOYMENT: DeploymentValue;
  PROCESS: ProcessValue;
  FORM: FormValue;
  PROCESS_INSTANCE: ProcessInstanceValue;
  PROCESS_INSTANCE_CREATION: ProcessInstanceCreationValue;
  PROCESS_INSTANCE_MODIFICATION: ProcessInstanceModificationValue;
  PROCESS_INSTANCE_MIGRATION: ProcessInstanceMigrationValue;
  JOB: JobValue;
  JOB_BATCH: JobBatchValue;
  VARIABLE: VariableValue;
  VARIABLE_DOCUMENT: VariableDocumentValue;
  INCIDENT: IncidentValue;
}

/** One record of the log, exactly as exported. */
export interface BrokerRecord<V extends ValueType = ValueType> {
  position: number;
  sourceRecordPosition: number;
  key: number;
  timestamp: number;
  recordType: RecordType;
  valueType: V;
  intent: Intent;
  partitionId: number;
  value: ValueOf[V];
  rejectionType: RejectionType | 'NULL_VAL';
  rejectionReason: string;
  brokerVersion: string;
}

/** An event record of one value type and intent. */
export type EventRecord<V extends ValueType, I extends EventIntents[V] = EventIntents[V]> = BrokerRecord<V> & {
  recordType: 'EVENT';
  intent: I;
};

/** A command record of one value type. */
export type CommandRecord<V extends keyof CommandIntents> = BrokerRecord<V> & {
  recordType: 'COMMAND';
  intent: CommandIntents[V];
};
