import { feelExpression } from '../feel/expression.ts';
import type { BpmnEventType, ExecutableElement, ExecutableProcess, SequenceFlow } from '../types.ts';
import { EVENT_DEFINITION_TYPES, NON_EXECUTABLE_ELEMENTS, SUPPORTED_ELEMENTS } from './element-table.ts';
import { elementList, elementProp, extensionsOfType, stringProp } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';
import {
  readCalledDecision,
  readJobWorker,
  readMappings,
  readMultiInstance,
  readScript,
  readUserTask,
} from './read-element-properties.ts';
import { readCalledElement } from './read-called-element.ts';
import { isForCompensation, readCompensation } from './read-compensation.ts';
import { readError, readEscalation, readLinkName, readMessage, readSignal, readTimer } from './read-event-definitions.ts';

/** Where the process came from. */
export interface ProcessSource {
  readonly resourceName: string;
  readonly checksum: string;
}

/**
 * Builds the executable model of one validated process: every flow node (and the process itself,
 * type PROCESS) by id, every sequence flow by id, incoming/outgoing computed from the flows.
 */
export function transformProcess(process: ModdleElement, source: ProcessSource): ExecutableProcess {
  const processId = process.id ?? '';
  const elements = new Map<string, ExecutableElement>();
  const sequenceFlows = new Map<string, SequenceFlow>();
  const childIds = transformContainer(process, processId, elements, sequenceFlows);
  const noneStartEventId = findNoneStart(childIds, elements);
  linkBoundaryEvents(elements);
  const eventStartIds = childIds.filter((id) => {
    const element = elements.get(id);
    return element?.type === 'START_EVENT' && (element.eventType === 'TIMER' || element.eventType === 'MESSAGE' || element.eventType === 'SIGNAL');
  });
  const versionTag = extensionsOfType(process, 'zeebe:VersionTag')[0];
  const embeddedForms = new Map<string, string>();
  for (const form of extensionsOfType(process, 'zeebe:UserTaskForm')) {
    if (form.id) embeddedForms.set(form.id, stringProp(form, 'body') ?? '');
  }
  elements.set(processId, {
    id: processId,
    name: process.name,
    type: 'PROCESS',
    eventType: 'UNSPECIFIED',
    flowScopeId: null,
    incoming: [],
    outgoing: [],
    inputMappings: [],
    outputMappings: [],
    childIds,
    noneStartEventId,
  });
  return {
    bpmnProcessId: processId,
    name: process.name,
    resourceName: source.resourceName,
    checksum: source.checksum,
    versionTag: versionTag ? stringProp(versionTag, 'value') : undefined,
    elements,
    sequenceFlows,
    noneStartEventId: noneStartEventId ?? '',
    embeddedForms,
    eventStartIds,
  };
}

/** Fills `boundaryEventIds` of every activity that has boundary events attached. */
function linkBoundaryEvents(elements: Map<string, ExecutableElement>): void {
  const attached = new Map<string, string[]>();
  for (const element of elements.values()) {
    if (element.attachedToId) attached.set(element.attachedToId, [...(attached.get(element.attachedToId) ?? []), element.id]);
  }
  for (const [activityId, boundaryEventIds] of attached) {
    const activity = elements.get(activityId);
    if (activity) elements.set(activityId, { ...activity, boundaryEventIds });
  }
}

function findNoneStart(childIds: readonly string[], elements: ReadonlyMap<string, ExecutableElement>): string | undefined {
  return childIds.find((id) => {
    const element = elements.get(id);
    return element?.type === 'START_EVENT' && element.eventType === 'NONE';
  });
}

function transformContainer(
  container: ModdleElement,
  scopeId: string,
  elements: Map<string, ExecutableElement>,
  sequenceFlows: Map<string, SequenceFlow>,
): string[] {
  const flowElements = elementList(container, 'flowElements');
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const flow of flowElements.filter((element) => element.$type === 'bpmn:SequenceFlow')) {
    const sourceId = elementProp(flow, 'sourceRef')?.id ?? '';
    const targetId = elementProp(flow, 'targetRef')?.id ?? '';
    const body = elementProp(flow, 'conditionExpression');
    const flowId = flow.id ?? '';
    sequenceFlows.set(flowId, {
      id: flowId,
      name: flow.name,
      type: 'SEQUENCE_FLOW',
      sourceId,
      targetId,
      flowScopeId: scopeId,
      condition: body ? feelExpression(stringProp(body, 'body') ?? '') : undefined,
    });
    outgoing.set(sourceId, [...(outgoing.get(sourceId) ?? []), flowId]);
    incoming.set(targetId, [...(incoming.get(targetId) ?? []), flowId]);
  }
  const childIds: string[] = [];
  for (const node of flowElements) {
    if (node.$type === 'bpmn:SequenceFlow' || NON_EXECUTABLE_ELEMENTS.has(node.$type)) continue;
    const row = SUPPORTED_ELEMENTS.get(node.$type);
    if (!row || !node.id) continue;
    const id = node.id;
    const { inputs, outputs } = readMappings(node);
    const definition = elementList(node, 'eventDefinitions')[0];
    const eventType: BpmnEventType = !row.isEvent
      ? 'UNSPECIFIED'
      : definition
        ? (EVENT_DEFINITION_TYPES[definition.$type] ?? 'UNSPECIFIED')
        : 'NONE';
    const nestedChildIds = row.isContainer ? transformContainer(node, id, elements, sequenceFlows) : [];
    elements.set(id, {
      id,
      name: node.name,
      // An event sub-process is a bpmn:SubProcess with triggeredByEvent; its start event knows whether it interrupts.
      type: row.type === 'SUB_PROCESS' && node.triggeredByEvent === true ? 'EVENT_SUB_PROCESS' : row.type,
      eventType,
      flowScopeId: scopeId,
      incoming: incoming.get(id) ?? [],
      outgoing: outgoing.get(id) ?? [],
      defaultFlowId: elementProp(node, 'default')?.id,
      inputMappings: inputs,
      outputMappings: outputs,
      jobWorker: readJobWorker(node, row),
      userTask: row.implementation === 'user-task' ? readUserTask(node) : undefined,
      script: row.implementation === 'job-or-script' ? readScript(node) : undefined,
      calledDecision: row.implementation === 'job-or-decision' ? readCalledDecision(node) : undefined,
      multiInstance: readMultiInstance(node),
      calledElement: readCalledElement(node),
      childIds: nestedChildIds,
      noneStartEventId: row.isContainer ? findNoneStart(nestedChildIds, elements) : undefined,
      timer: readTimer(node),
      message: readMessage(node),
      error: readError(node),
      signal: readSignal(node),
      linkName: readLinkName(node),
      escalation: readEscalation(node),
      attachedToId: node.$type === 'bpmn:BoundaryEvent' ? elementProp(node, 'attachedToRef')?.id : undefined,
      cancelActivity: node.$type === 'bpmn:BoundaryEvent' ? node.cancelActivity !== false : undefined,
      interrupting: node.$type === 'bpmn:StartEvent' && container.triggeredByEvent === true ? node.isInterrupting !== false : undefined,
      isForCompensation: isForCompensation(node) ? true : undefined,
      compensation: readCompensation(node),
    });
    childIds.push(id);
  }
  return childIds;
}
