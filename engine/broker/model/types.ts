/**
 * Executable model of deployed resources (BPMN processes and forms), shaped after Zeebe's
 * `ExecutableProcess` / `ExecutableFlowElement` family.
 *
 * Contract with the broker core: shapes here only ever gain fields. Any incompatible change
 * is announced in this header comment.
 *
 * Notes for callers:
 * - `ResourceValidationError.message` already starts with "Command 'CREATE' rejected with code
 *   'INVALID_ARGUMENT': Expected to deploy new resources, …". For a deployment with several
 *   resources use `ResourceValidationError.combine(errors).message` (one prefix, every resource
 *   listed) or `.rejectionReason` (no prefix, for the COMMAND_REJECTION record). The constructor
 *   now takes only the problems (the message is derived).
 * - After parsing every resource of a deployment, `validateDeployment(parsed)` returns the
 *   cross-resource problems (duplicate process/form ids, missing deployment-bound forms);
 *   wrap them in `new ResourceValidationError(problems)` to reject.
 * - `evaluateMappings(outputs, vars, { mode: 'output', existing })` merges nested output targets
 *   with the existing object variable, as Zeebe does; the default (`input`) does not.
 */

import type { ParsedDecisionResource } from './dmn/dmn-types.ts';

/** Zeebe's `BpmnElementType` names (as they appear in exported records). */
export type BpmnElementType =
  | 'UNSPECIFIED'
  | 'PROCESS'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'AD_HOC_SUB_PROCESS'
  | 'START_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'END_EVENT'
  | 'SERVICE_TASK'
  | 'RECEIVE_TASK'
  | 'USER_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'EVENT_BASED_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'SEQUENCE_FLOW'
  | 'MULTI_INSTANCE_BODY'
  | 'CALL_ACTIVITY'
  | 'BUSINESS_RULE_TASK'
  | 'SCRIPT_TASK'
  | 'SEND_TASK';

/** Zeebe's `BpmnEventType` names. Non-event elements carry `UNSPECIFIED`. */
export type BpmnEventType =
  | 'UNSPECIFIED'
  | 'NONE'
  | 'TIMER'
  | 'MESSAGE'
  | 'ERROR'
  | 'TERMINATE'
  | 'SIGNAL'
  | 'ESCALATION'
  | 'LINK'
  | 'COMPENSATION'
  | 'CONDITIONAL';

/** A value given literally in the model (no leading `=`). */
export interface StaticExpression {
  readonly kind: 'static';
  /** The attribute text as written in the model. */
  readonly source: string;
  /** The literal value (same text as `source`). */
  readonly value: string;
}

/** A FEEL expression (the model attribute starts with `=`). */
export interface FeelExpression {
  readonly kind: 'feel';
  /** The attribute text as written in the model, including the leading `=`. */
  readonly source: string;
  /** The FEEL expression without the leading `=`, as handed to feelin. */
  readonly expression: string;
}

/** A model attribute that is either a literal value or a FEEL expression. */
export type Expression = StaticExpression | FeelExpression;

/** Result of evaluating an expression or mappings. `message` is Zeebe-style and names the expression. */
export type EvaluationResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Variables visible to an expression (the merged scope chain, as the engine resolves it). */
export type Variables = Readonly<Record<string, unknown>>;

/** One `zeebe:input` / `zeebe:output` mapping. */
export interface VariableMapping {
  /** Source expression (FEEL, or a static string value). */
  readonly source: Expression;
  /** Target variable path, e.g. `order.customer.name`. */
  readonly target: string;
  /** Target split at dots: `['order', 'customer', 'name']`. */
  readonly targetPath: readonly string[];
}

/** Job properties from `zeebe:taskDefinition` (or derived for job-based user tasks). */
export interface JobWorkerProperties {
  /** Job type; `io.camunda.zeebe:userTask` for user tasks. */
  readonly type: Expression;
  /** Retries; `"3"` when not given, like Zeebe. */
  readonly retries: Expression;
  /** Static `zeebe:taskHeaders` (for user tasks the reserved headers come from {@link UserTaskProperties}). */
  readonly taskHeaders: Readonly<Record<string, string>>;
}

/** User-task properties from `zeebe:assignmentDefinition`, `zeebe:formDefinition`, `zeebe:taskSchedule`. */
export interface UserTaskProperties {
  /**
   * `job-worker` (job type io.camunda.zeebe:userTask) or `zeebe-user-task` when `zeebe:userTask` is
   * present — which bpmn-js with camunda-bpmn-js-behaviors adds to every new user task. Real Zeebe
   * then creates a Camunda user task, not a job; the model still carries the job properties.
   */
  readonly implementation: 'job-worker' | 'zeebe-user-task';
  readonly assignee?: Expression;
  /** FEEL list or comma-separated static string. */
  readonly candidateGroups?: Expression;
  /** FEEL list or comma-separated static string. */
  readonly candidateUsers?: Expression;
  /** ISO-8601 date-time (static or FEEL). */
  readonly dueDate?: Expression;
  /** ISO-8601 date-time (static or FEEL). */
  readonly followUpDate?: Expression;
  /** Custom form key (`zeebe:formDefinition formKey`), or `camunda-forms:bpmn:<id>` for an embedded `zeebe:userTaskForm`. */
  readonly formKey?: string;
  /** Linked form id (`zeebe:formDefinition formId`), resolved against deployed forms at activation. */
  readonly formId?: string;
  /** Form binding type for linked forms (`latest` unless stated). */
  readonly formBindingType?: string;
  /** External form reference (`zeebe:formDefinition externalReference`). */
  readonly externalReference?: Expression;
  /** Priority (`zeebe:priorityDefinition`), when given. */
  readonly priority?: Expression;
}

/** Script task properties from `zeebe:script`. */
export interface ScriptProperties {
  /** The FEEL expression to evaluate. */
  readonly expression: FeelExpression;
  /** Variable the result is written to. */
  readonly resultVariable: string;
}

/** Business rule task properties from `zeebe:calledDecision`. */
export interface CalledDecisionProperties {
  readonly decisionId: Expression;
  readonly resultVariable: string;
  /** `latest` (default), `deployment` or `versionTag`. */
  readonly bindingType?: string;
  readonly versionTag?: string;
}

/**
 * Multi-instance marker of an activity (`bpmn:multiInstanceLoopCharacteristics` with
 * `zeebe:loopCharacteristics`) — 会签/或签/比例 in Streetflow. Read now; executed from part 2.
 */
export interface MultiInstanceProperties {
  readonly isSequential: boolean;
  /** FEEL expression yielding the list to iterate. */
  readonly inputCollection: FeelExpression;
  /** Local variable holding the current item. */
  readonly inputElement?: string;
  /** Variable collecting the results. */
  readonly outputCollection?: string;
  /** FEEL expression evaluated per completed instance. */
  readonly outputElement?: FeelExpression;
  /** FEEL condition over numberOfInstances / numberOfCompletedInstances / … */
  readonly completionCondition?: FeelExpression;
}

/** Call activity properties from `zeebe:calledElement`. */
export interface CalledElementProperties {
  /** Process id to call (static or FEEL). */
  readonly processId: Expression;
  /** `latest` (default), `deployment` or `versionTag`. */
  readonly bindingType: string;
  readonly versionTag?: string;
  /** Child variables merged into the call activity on completion (default true). */
  readonly propagateAllChildVariables: boolean;
  /** Every visible parent variable copied into the child (default true); else only input mappings. */
  readonly propagateAllParentVariables: boolean;
}

/** One flow node (or the process itself) of an executable process. */
export interface ExecutableElement {
  readonly id: string;
  readonly name?: string;
  readonly type: BpmnElementType;
  readonly eventType: BpmnEventType;
  /** Id of the enclosing flow scope (the process or sub-process); `null` for the process itself. */
  readonly flowScopeId: string | null;
  /** Ids of incoming sequence flows. */
  readonly incoming: readonly string[];
  /** Ids of outgoing sequence flows, in model order. */
  readonly outgoing: readonly string[];
  /** Id of the default outgoing flow (exclusive/inclusive gateways, activities). */
  readonly defaultFlowId?: string;
  /** `zeebe:ioMapping` inputs, in model order. */
  readonly inputMappings: readonly VariableMapping[];
  /** `zeebe:ioMapping` outputs, in model order. */
  readonly outputMappings: readonly VariableMapping[];
  /** Present on job-based elements (service, send, business-rule with taskDefinition, script with taskDefinition, user task). */
  readonly jobWorker?: JobWorkerProperties;
  /** Present on user tasks. */
  readonly userTask?: UserTaskProperties;
  /** Present on script tasks with `zeebe:script`. */
  readonly script?: ScriptProperties;
  /** Present on business rule tasks with `zeebe:calledDecision`. */
  readonly calledDecision?: CalledDecisionProperties;
  /** Multi-instance marker, when the activity has one. */
  readonly multiInstance?: MultiInstanceProperties;
  /** Present on call activities. */
  readonly calledElement?: CalledElementProperties;
  /** Ids of direct child flow nodes (the process and sub-processes). */
  readonly childIds: readonly string[];
  /** Id of the none start event of this flow scope (process / sub-process), when it has one. */
  readonly noneStartEventId?: string;
  /** Timer of a timer event (`bpmn:timerEventDefinition`). */
  readonly timer?: TimerDefinition;
  /** Message of a message event or receive task (`messageRef`). */
  readonly message?: MessageDefinition;
  /** Error of an error event (`errorRef`); an error catch event without one catches every error. */
  readonly error?: ErrorDefinition;
  /** Escalation of an escalation event (`escalationRef`); a catch event without one catches every escalation. */
  readonly escalation?: EscalationDefinition;
  /** Signal of a signal event (`signalRef`). */
  readonly signal?: SignalDefinition;
  /** Link name of a link throw or catch event (`bpmn:linkEventDefinition name`). */
  readonly linkName?: string;
  /** Boundary events: id of the activity the event is attached to. */
  readonly attachedToId?: string;
  /** Boundary events: false for non-interrupting (`cancelActivity="false"`). */
  readonly cancelActivity?: boolean;
  /** Start events of event sub-processes (only they): false for non-interrupting (`isInterrupting="false"`). */
  readonly interrupting?: boolean;
  /** Activities: ids of the boundary events attached to them, in model order. */
  readonly boundaryEventIds?: readonly string[];
  /** Activities marked `isForCompensation` (compensation handlers): never entered by a sequence flow. */
  readonly isForCompensation?: boolean;
  /** Compensation boundary, intermediate throw and end events. */
  readonly compensation?: CompensationDefinition;
}

/** Compensation details of a compensation event (`bpmn:compensateEventDefinition`). */
export interface CompensationDefinition {
  /** Throw and end events: the activity to compensate (`activityRef`); absent = every completed activity of the scope. */
  readonly activityRef?: string;
  /** Boundary events: id of the compensation handler the event is associated with. */
  readonly handlerId?: string;
}

/** A timer definition: exactly one of timeDuration, timeDate or timeCycle. */
export interface TimerDefinition {
  readonly kind: 'timeDuration' | 'timeDate' | 'timeCycle';
  readonly expression: Expression;
}

/** A message reference with its Zeebe subscription. */
export interface MessageDefinition {
  /** Message name (static or FEEL). */
  readonly name: Expression;
  /** `zeebe:subscription correlationKey` (FEEL), absent on message start events. */
  readonly correlationKey?: Expression;
}

/** An escalation reference. */
export interface EscalationDefinition {
  /** Escalation code (static or FEEL); undefined for a catch-all escalation event. */
  readonly escalationCode?: Expression;
}

/** A signal reference. */
export interface SignalDefinition {
  /** Signal name (static or FEEL). */
  readonly name: Expression;
}

/** An error reference. */
export interface ErrorDefinition {
  /** Error code (static or FEEL); undefined for a catch-all error event. */
  readonly errorCode?: Expression;
}

/** A sequence flow. */
export interface SequenceFlow {
  readonly id: string;
  readonly name?: string;
  readonly type: 'SEQUENCE_FLOW';
  readonly sourceId: string;
  readonly targetId: string;
  readonly flowScopeId: string;
  /** FEEL condition (`conditionExpression`), if any. */
  readonly condition?: FeelExpression;
}

/** One executable process (`isExecutable="true"`) of a deployed BPMN resource. */
export interface ExecutableProcess {
  readonly bpmnProcessId: string;
  readonly name?: string;
  readonly resourceName: string;
  /** Checksum of the whole resource (shared by all processes of one file). */
  readonly checksum: string;
  /** Version tag (`zeebe:versionTag`), if any. */
  readonly versionTag?: string;
  /** Every flow node and the process itself (type PROCESS, id = bpmnProcessId), by id. */
  readonly elements: ReadonlyMap<string, ExecutableElement>;
  /** Every sequence flow, by id. */
  readonly sequenceFlows: ReadonlyMap<string, SequenceFlow>;
  /** Id of the process-level none start event ('' only for a model re-read with `validate: false` that has none). */
  readonly noneStartEventId: string;
  /** Embedded forms (`zeebe:userTaskForm`), by id: the JSON text. */
  readonly embeddedForms: ReadonlyMap<string, string>;
  /** Ids of the process-level timer, message and signal start events. */
  readonly eventStartIds?: readonly string[];
}

/** A parsed `.bpmn` resource. */
export interface ParsedProcessResource {
  readonly kind: 'process';
  readonly resourceName: string;
  /** Hex MD5 of the resource bytes (Zeebe uses MD5 to detect identical redeploys). */
  readonly checksum: string;
  readonly processes: readonly ExecutableProcess[];
}

/** A parsed form-js `.form` resource. */
export interface ParsedFormResource {
  readonly kind: 'form';
  readonly resourceName: string;
  readonly formId: string;
  readonly checksum: string;
  /** The parsed form-js schema. */
  readonly schema: Readonly<Record<string, unknown>>;
}

/** Result of {@link parseResource}. */
export type ParsedResource = ParsedProcessResource | ParsedFormResource | ParsedDecisionResource;

/** One deploy-time problem. */
export interface ResourceProblem {
  readonly resourceName: string;
  /** Id of the offending element, when the problem belongs to one. */
  readonly elementId?: string;
  readonly message: string;
  /**
   * True for a problem of the deployment as a whole (e.g. two resources defining one process id);
   * it is listed on its own line, not under a resource, as Zeebe lists it.
   */
  readonly deploymentWide?: boolean;
}

/** Evaluated job properties of an element instance. */
export interface EvaluatedJobProperties {
  readonly type: string;
  readonly retries: number;
  /** Static task headers plus, for user tasks, the reserved `io.camunda.zeebe:*` headers. */
  readonly customHeaders: Record<string, string>;
}

/** Hooks the engine supplies when evaluating job properties. */
export interface JobEvaluationContext {
  /** Resolves a linked form id to the key of the deployed form (as a string), if deployed. */
  readonly resolveFormKey?: (formId: string) => string | undefined;
}
