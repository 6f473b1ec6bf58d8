import type { BpmnElementType, BpmnEventType } from '../types.ts';

/**
 * How an element gets its work done: `job` requires `zeebe:taskDefinition`; `job-or-script` and
 * `job-or-decision` accept instead `zeebe:script` / `zeebe:calledDecision`; `user-task` derives
 * its job from the user-task extensions; `none` needs nothing.
 */
export type Implementation = 'none' | 'job' | 'job-or-script' | 'job-or-decision' | 'user-task';

/** One supported flow-node type. */
export interface ElementRow {
  readonly type: BpmnElementType;
  readonly implementation: Implementation;
  /** Event definitions accepted on this element (moddle type → event type); none event always allowed for events. */
  readonly eventDefinitions: Readonly<Record<string, BpmnEventType>>;
  /** True for events (eventType NONE when no definition), false for tasks and gateways. */
  readonly isEvent: boolean;
  /** True for elements that hold flow elements of their own (sub-processes). */
  readonly isContainer: boolean;
}

function row(type: BpmnElementType, options: Partial<Omit<ElementRow, 'type'>> = {}): ElementRow {
  return {
    type,
    implementation: options.implementation ?? 'none',
    eventDefinitions: options.eventDefinitions ?? {},
    isEvent: options.isEvent ?? false,
    isContainer: options.isContainer ?? false,
  };
}

/**
 * THE table of supported flow nodes, by bpmn-moddle type. An element whose type is not here is
 * rejected at deploy ("Elements of type 'X' are currently not supported …"). Part 2 adds rows
 * (and event definitions to existing rows) as the engine learns them.
 */
export const SUPPORTED_ELEMENTS: ReadonlyMap<string, ElementRow> = new Map<string, ElementRow>([
  // Error and escalation start events only in event sub-processes (validate-structure rejects them elsewhere).
  ['bpmn:StartEvent', row('START_EVENT', { isEvent: true, eventDefinitions: { 'bpmn:TimerEventDefinition': 'TIMER', 'bpmn:MessageEventDefinition': 'MESSAGE', 'bpmn:SignalEventDefinition': 'SIGNAL', 'bpmn:ErrorEventDefinition': 'ERROR', 'bpmn:EscalationEventDefinition': 'ESCALATION' } })],
  ['bpmn:EndEvent', row('END_EVENT', { isEvent: true, eventDefinitions: { 'bpmn:ErrorEventDefinition': 'ERROR', 'bpmn:EscalationEventDefinition': 'ESCALATION', 'bpmn:SignalEventDefinition': 'SIGNAL', 'bpmn:TerminateEventDefinition': 'TERMINATE', 'bpmn:MessageEventDefinition': 'MESSAGE', 'bpmn:CompensateEventDefinition': 'COMPENSATION' } })],
  ['bpmn:IntermediateCatchEvent', row('INTERMEDIATE_CATCH_EVENT', { isEvent: true, eventDefinitions: { 'bpmn:TimerEventDefinition': 'TIMER', 'bpmn:MessageEventDefinition': 'MESSAGE', 'bpmn:SignalEventDefinition': 'SIGNAL', 'bpmn:LinkEventDefinition': 'LINK' } })],
  ['bpmn:IntermediateThrowEvent', row('INTERMEDIATE_THROW_EVENT', { isEvent: true, eventDefinitions: { 'bpmn:SignalEventDefinition': 'SIGNAL', 'bpmn:EscalationEventDefinition': 'ESCALATION', 'bpmn:LinkEventDefinition': 'LINK', 'bpmn:MessageEventDefinition': 'MESSAGE', 'bpmn:CompensateEventDefinition': 'COMPENSATION' } })],
  ['bpmn:BoundaryEvent', row('BOUNDARY_EVENT', { isEvent: true, eventDefinitions: { 'bpmn:TimerEventDefinition': 'TIMER', 'bpmn:MessageEventDefinition': 'MESSAGE', 'bpmn:ErrorEventDefinition': 'ERROR', 'bpmn:SignalEventDefinition': 'SIGNAL', 'bpmn:EscalationEventDefinition': 'ESCALATION', 'bpmn:CompensateEventDefinition': 'COMPENSATION' } })],
  ['bpmn:ReceiveTask', row('RECEIVE_TASK')],
  ['bpmn:EventBasedGateway', row('EVENT_BASED_GATEWAY')],
  ['bpmn:ServiceTask', row('SERVICE_TASK', { implementation: 'job' })],
  ['bpmn:SendTask', row('SEND_TASK', { implementation: 'job' })],
  ['bpmn:BusinessRuleTask', row('BUSINESS_RULE_TASK', { implementation: 'job-or-decision' })],
  ['bpmn:ScriptTask', row('SCRIPT_TASK', { implementation: 'job-or-script' })],
  ['bpmn:UserTask', row('USER_TASK', { implementation: 'user-task' })],
  ['bpmn:ManualTask', row('MANUAL_TASK')],
  ['bpmn:Task', row('TASK')],
  ['bpmn:ExclusiveGateway', row('EXCLUSIVE_GATEWAY')],
  ['bpmn:ParallelGateway', row('PARALLEL_GATEWAY')],
  ['bpmn:InclusiveGateway', row('INCLUSIVE_GATEWAY')],
  ['bpmn:SubProcess', row('SUB_PROCESS', { isContainer: true })],
  ['bpmn:CallActivity', row('CALL_ACTIVITY')],
]);

/** Element types boundary events may be attached to (activities whose processors open boundary subscriptions). */
export const BOUNDARY_HOSTS: ReadonlySet<BpmnElementType> = new Set<BpmnElementType>([
  'SERVICE_TASK',
  'USER_TASK',
  'SEND_TASK',
  'BUSINESS_RULE_TASK',
  'RECEIVE_TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
]);

/** Whether the engine runs multi-instance activities yet (part 2 flips this). */
export const MULTI_INSTANCE_SUPPORTED = true;

/** Flow elements that carry no behaviour and are skipped, as Zeebe skips them. */
export const NON_EXECUTABLE_ELEMENTS: ReadonlySet<string> = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

/** BPMN event definition types and the Zeebe event type each stands for. */
export const EVENT_DEFINITION_TYPES: Readonly<Record<string, BpmnEventType>> = {
  'bpmn:MessageEventDefinition': 'MESSAGE',
  'bpmn:TimerEventDefinition': 'TIMER',
  'bpmn:ErrorEventDefinition': 'ERROR',
  'bpmn:TerminateEventDefinition': 'TERMINATE',
  'bpmn:SignalEventDefinition': 'SIGNAL',
  'bpmn:LinkEventDefinition': 'LINK',
  'bpmn:EscalationEventDefinition': 'ESCALATION',
  'bpmn:CompensateEventDefinition': 'COMPENSATION',
  'bpmn:ConditionalEventDefinition': 'CONDITIONAL',
};

/**
 * Zeebe extension elements with behaviour the embedded broker does not run yet. Rejecting them
 * is better than deploying a model whose listeners or links would silently never fire.
 */
export const UNSUPPORTED_EXTENSIONS: Readonly<Record<string, string>> = {
  'zeebe:ExecutionListeners': 'executionListeners',
  'zeebe:TaskListeners': 'taskListeners',
  'zeebe:LinkedResources': 'linkedResources',
  'zeebe:AdHoc': 'adHoc',
};

/** Gateways whose outgoing flows may carry conditions. */
export const CONDITIONAL_GATEWAYS: ReadonlySet<string> = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']);

/** The job type of job-worker user tasks. */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

/** Reserved custom headers Zeebe sets on user-task jobs. */
export const USER_TASK_HEADERS = {
  assignee: 'io.camunda.zeebe:assignee',
  candidateGroups: 'io.camunda.zeebe:candidateGroups',
  candidateUsers: 'io.camunda.zeebe:candidateUsers',
  dueDate: 'io.camunda.zeebe:dueDate',
  followUpDate: 'io.camunda.zeebe:followUpDate',
  formKey: 'io.camunda.zeebe:formKey',
} as const;
