/**
 * Validation of CreateProcessInstance start instructions, in the order and wording of Zeebe's
 * CreateProcessInstanceProcessor: the element exists, is not inside a multi-instance sub-process,
 * has a supported type and does not follow an event-based gateway. Elements nested in (event)
 * sub-processes are allowed: their flow scopes are created (see element-activation.ts).
 */
import type { ExecutableProcess } from '../../../model/index.ts';

const UNSUPPORTED_TYPES = new Set(['UNSPECIFIED', 'START_EVENT', 'SEQUENCE_FLOW', 'BOUNDARY_EVENT', 'PROCESS']);
/** The element types a start instruction may target (Zeebe lists them in the rejection). */
const SUPPORTED = [
  'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'INTERMEDIATE_CATCH_EVENT', 'INTERMEDIATE_THROW_EVENT', 'END_EVENT', 'SERVICE_TASK', 'RECEIVE_TASK', 'USER_TASK',
  'MANUAL_TASK', 'TASK', 'EXCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'EVENT_BASED_GATEWAY', 'MULTI_INSTANCE_BODY', 'CALL_ACTIVITY', 'BUSINESS_RULE_TASK',
  'SCRIPT_TASK', 'SEND_TASK', 'INCLUSIVE_GATEWAY',
];
const PREFIX = 'Expected to create instance of process with start instructions but';

/** Whether any flow scope of an element (below the process) is a multi-instance activity. */
function insideMultiInstance(model: ExecutableProcess, elementId: string): boolean {
  for (let id = model.elements.get(elementId)?.flowScopeId ?? null; id !== null; id = model.elements.get(id)?.flowScopeId ?? null) {
    if (model.elements.get(id)?.multiInstance) return true;
  }
  return false;
}

/** The rejection reason for start instructions, or undefined when they are valid. */
export function validateStartInstructions(model: ExecutableProcess, elementIds: readonly string[]): string | undefined {
  const missing = elementIds.find((id) => (!model.elements.has(id) && !model.sequenceFlows.has(id)) || model.elements.get(id)?.type === 'PROCESS');
  if (missing !== undefined) return `${PREFIX} no element found with id '${missing}'.`;
  // Zeebe finds sequence flows by id too, and then names their type.
  const flowId = elementIds.find((id) => model.sequenceFlows.has(id) && !model.elements.has(id));
  if (flowId !== undefined) return `${PREFIX} the element with id '${flowId}' targets unsupported element type 'SEQUENCE_FLOW'. Supported element types are: [${SUPPORTED.join(', ')}]`;
  const nested = elementIds.find((id) => insideMultiInstance(model, id));
  if (nested !== undefined) {
    return `${PREFIX} the element with id '${nested}' is inside a multi-instance subprocess. The creation of elements inside a multi-instance subprocess is not supported.`;
  }
  const unsupported = elementIds.map((id) => model.elements.get(id)!).find((e) => UNSUPPORTED_TYPES.has(e.type));
  if (unsupported) {
    return `${PREFIX} the element with id '${unsupported.id}' targets unsupported element type '${unsupported.type}'. Supported element types are: [${SUPPORTED.join(', ')}]`;
  }
  const afterGateway = elementIds.find((id) =>
    model.elements.get(id)!.incoming.some((flowId) => model.elements.get(model.sequenceFlows.get(flowId)?.sourceId ?? '')?.type === 'EVENT_BASED_GATEWAY'),
  );
  if (afterGateway !== undefined) {
    return `${PREFIX} the element with id '${afterGateway}' belongs to an event-based gateway. The creation of elements belonging to an event-based gateway is not supported.`;
  }
  return undefined;
}
