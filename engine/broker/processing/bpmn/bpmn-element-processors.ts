/** The registry of element processors, one per supported element type. */
import type { BpmnElementType } from '../../model/index.ts';
import type { BpmnElementProcessor } from './element-processor.ts';
import { callActivityProcessor } from './container/call-activity-processor.ts';
import { eventSubProcessProcessor } from './container/event-sub-process-processor.ts';
import { multiInstanceBodyProcessor } from './container/multi-instance-body-processor.ts';
import { processProcessor } from './container/process-processor.ts';
import { subProcessProcessor } from './container/sub-process-processor.ts';
import { boundaryEventProcessor } from './event/boundary-event-processor.ts';
import { endEventProcessor } from './event/end-event-processor.ts';
import { intermediateCatchEventProcessor } from './event/intermediate-catch-event-processor.ts';
import { intermediateThrowEventProcessor } from './event/intermediate-throw-event-processor.ts';
import { startEventProcessor } from './event/start-event-processor.ts';
import { eventBasedGatewayProcessor } from './gateway/event-based-gateway-processor.ts';
import { exclusiveGatewayProcessor } from './gateway/exclusive-gateway-processor.ts';
import { inclusiveGatewayProcessor } from './gateway/inclusive-gateway-processor.ts';
import { parallelGatewayProcessor } from './gateway/parallel-gateway-processor.ts';
import { jobWorkerTaskProcessor } from './task/job-worker-task-processor.ts';
import { passThroughTaskProcessor } from './task/pass-through-task-processor.ts';
import { receiveTaskProcessor } from './task/receive-task-processor.ts';
import { scriptTaskProcessor } from './task/script-task-processor.ts';
import { businessRuleTaskProcessor } from '../decision/business-rule-task-processor.ts';

/** Element types the engine executes; deploy validation rejects the others. */
export type SupportedElementType =
  | 'PROCESS'
  | 'START_EVENT'
  | 'END_EVENT'
  | 'SERVICE_TASK'
  | 'SEND_TASK'
  | 'BUSINESS_RULE_TASK'
  | 'SCRIPT_TASK'
  | 'USER_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'RECEIVE_TASK'
  | 'EVENT_BASED_GATEWAY'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'MULTI_INSTANCE_BODY'
  | 'INCLUSIVE_GATEWAY'
  | 'CALL_ACTIVITY';

/** Processor per element type: adding a type to SupportedElementType without a processor is a compile error. */
export const bpmnElementProcessors: Record<SupportedElementType, BpmnElementProcessor> = {
  PROCESS: processProcessor,
  START_EVENT: startEventProcessor,
  END_EVENT: endEventProcessor,
  SERVICE_TASK: jobWorkerTaskProcessor,
  SEND_TASK: jobWorkerTaskProcessor,
  BUSINESS_RULE_TASK: businessRuleTaskProcessor,
  SCRIPT_TASK: scriptTaskProcessor,
  USER_TASK: jobWorkerTaskProcessor,
  MANUAL_TASK: passThroughTaskProcessor,
  TASK: passThroughTaskProcessor,
  EXCLUSIVE_GATEWAY: exclusiveGatewayProcessor,
  PARALLEL_GATEWAY: parallelGatewayProcessor,
  INTERMEDIATE_CATCH_EVENT: intermediateCatchEventProcessor,
  INTERMEDIATE_THROW_EVENT: intermediateThrowEventProcessor,
  BOUNDARY_EVENT: boundaryEventProcessor,
  RECEIVE_TASK: receiveTaskProcessor,
  EVENT_BASED_GATEWAY: eventBasedGatewayProcessor,
  SUB_PROCESS: subProcessProcessor,
  EVENT_SUB_PROCESS: eventSubProcessProcessor,
  MULTI_INSTANCE_BODY: multiInstanceBodyProcessor,
  INCLUSIVE_GATEWAY: inclusiveGatewayProcessor,
  CALL_ACTIVITY: callActivityProcessor,
};

/** The processor of an element type, undefined when the type is not supported yet. */
export function processorFor(type: BpmnElementType | string): BpmnElementProcessor | undefined {
  return (bpmnElementProcessors as Partial<Record<string, BpmnElementProcessor>>)[type];
}
