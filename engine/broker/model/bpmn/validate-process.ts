import { CONDITIONAL_GATEWAYS, MULTI_INSTANCE_SUPPORTED, NON_EXECUTABLE_ELEMENTS, SUPPORTED_ELEMENTS } from './element-table.ts';
import type { ElementRow } from './element-table.ts';
import { elementList, elementProp, localTypeName, stringProp } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';
import { validateEventSubProcessScope } from './validate-event-sub-process.ts';
import { validateEventDetails } from './validate-events.ts';
import { checkExpression } from './validate-expression.ts';
import { validateStructure } from './validate-structure.ts';
import {
  validateDuplicateExtensions,
  validateImplementation,
  validateMappings,
  validateMultiInstance,
  validateUnsupportedExtensions,
} from './validate-extensions.ts';

/** Receives a problem with the id of the element it belongs to. */
export type ElementReport = (elementId: string | undefined, message: string) => void;

const COVERAGE_URL = 'https://docs.camunda.io/docs/components/modeler/bpmn/bpmn-coverage/';

/** Flow-graph facts the rules need, computed once per container. */
interface FlowIndex {
  readonly outgoing: Map<ModdleElement, ModdleElement[]>;
  /** `flowId#property` of references the XML reader already reported as unresolvable. */
  readonly unresolved: ReadonlySet<string>;
}

function indexFlows(flowElements: readonly ModdleElement[], unresolved: ReadonlySet<string>): FlowIndex {
  const outgoing = new Map<ModdleElement, ModdleElement[]>();
  for (const flow of flowElements) {
    if (flow.$type !== 'bpmn:SequenceFlow') continue;
    const source = elementProp(flow, 'sourceRef');
    if (!source) continue;
    const list = outgoing.get(source) ?? [];
    list.push(flow);
    outgoing.set(source, list);
  }
  return { outgoing, unresolved };
}

/**
 * Validates one executable process (or, recursively, a sub-process container) and reports every
 * problem with its element id, with Zeebe's wording where Zeebe has one.
 */
export function validateProcess(
  process: ModdleElement,
  report: ElementReport,
  unresolvedReferences: ReadonlySet<string> = new Set(),
): void {
  const flowElements = elementList(process, 'flowElements');
  if (process.id === undefined || process.id.trim() === '') {
    report(undefined, "Process: Attribute 'id' must be present and not empty");
  }
  const startEvents = flowElements.filter((element) => element.$type === 'bpmn:StartEvent');
  if (startEvents.length === 0) {
    report(process.id, 'Must have at least one start event');
  } else if (startEvents.filter((event) => elementList(event, 'eventDefinitions').length === 0).length > 1) {
    report(process.id, 'Multiple none start events are not allowed');
  }
  validateUnsupportedExtensions(process, (message) => report(process.id, message));
  validateEventSubProcessScope(process, (message) => report(process.id, message));
  validateContainer(flowElements, report, unresolvedReferences);
}

function validateContainer(
  flowElements: readonly ModdleElement[],
  report: ElementReport,
  unresolved: ReadonlySet<string>,
): void {
  const index = indexFlows(flowElements, unresolved);
  for (const element of flowElements) {
    if (element.id === undefined || element.id.trim() === '') {
      const named = element.name ? ` named '${element.name}'` : '';
      report(undefined, `Element of type '${localTypeName(element.$type)}'${named}: Attribute 'id' must be present and not empty`);
      continue;
    }
    if (element.$type === 'bpmn:SequenceFlow') {
      validateSequenceFlow(element, index, (message) => report(element.id, message));
    } else if (!NON_EXECUTABLE_ELEMENTS.has(element.$type)) {
      validateFlowNode(element, index, (message) => report(element.id, message));
      const row = SUPPORTED_ELEMENTS.get(element.$type);
      if (row?.isContainer) validateContainer(elementList(element, 'flowElements'), report, unresolved);
    }
  }
}

function validateFlowNode(node: ModdleElement, index: FlowIndex, report: (message: string) => void): void {
  const row = SUPPORTED_ELEMENTS.get(node.$type);
  if (!row) {
    report(
      `Elements of type '${localTypeName(node.$type)}' are currently not supported. ` +
        `Please refer to the documentation for a list of supported elements: ${COVERAGE_URL}`,
    );
    return;
  }
  const outgoing = index.outgoing.get(node) ?? [];
  validateEventDefinitions(node, row, report);
  validateStructure(node, row, outgoing, report);
  validateEventDetails(node, row, outgoing, report);
  const loop = elementProp(node, 'loopCharacteristics');
  if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    validateMultiInstance(loop, report);
    if (!MULTI_INSTANCE_SUPPORTED) report('Multi-instance activities are currently not supported by the embedded broker');
  } else if (loop) {
    report(`Loop characteristics of type '${localTypeName(loop.$type)}' are currently not supported`);
  }
  validateImplementation(node, row, report);
  validateMappings(node, report);
  validateDuplicateExtensions(node, report);
  validateUnsupportedExtensions(node, report);

  if (row.type === 'END_EVENT' && outgoing.length > 0) {
    report('End events must not have outgoing sequence flows to other elements.');
  }
  if ((row.type === 'EXCLUSIVE_GATEWAY' || row.type === 'PARALLEL_GATEWAY') && outgoing.length === 0) {
    report('Must have at least one outgoing sequence flow');
  }
  const defaultFlow = elementProp(node, 'default');
  if (defaultFlow && (defaultFlow.$type !== 'bpmn:SequenceFlow' || elementProp(defaultFlow, 'sourceRef') !== node)) {
    report(
      row.type === 'EXCLUSIVE_GATEWAY'
        ? 'Default flow must start at gateway'
        : `Default flow '${defaultFlow.id ?? ''}' must be an outgoing sequence flow of this element`,
    );
  }
  if (!CONDITIONAL_GATEWAYS.has(node.$type) && outgoing.some((flow) => elementProp(flow, 'conditionExpression'))) {
    report('Conditional sequence flows are only supported at exclusive or inclusive gateway');
  }
}

function validateEventDefinitions(node: ModdleElement, row: ElementRow, report: (message: string) => void): void {
  const definitions = elementList(node, 'eventDefinitions');
  if (!row.isEvent) return;
  if (definitions.length > 1) {
    report(row.type === 'START_EVENT' ? "Start event can't have more than one type" : 'Must have at most one event definition');
  }
  for (const definition of definitions) {
    if (row.eventDefinitions[definition.$type] === undefined) {
      report(
        `Event definitions of type '${localTypeName(definition.$type)}' are currently not supported ` +
          `on elements of type '${localTypeName(node.$type)}'`,
      );
    }
  }
}

function validateSequenceFlow(flow: ModdleElement, index: FlowIndex, report: (message: string) => void): void {
  for (const property of ['sourceRef', 'targetRef'] as const) {
    // An unresolvable reference is reported by the XML reader (moddle drops it); only a missing one is ours.
    if (!elementProp(flow, property) && !index.unresolved.has(`${flow.id ?? ''}#${property}`)) {
      report(`SequenceFlow is missing required attribute ${property}`);
    }
  }
  const source = elementProp(flow, 'sourceRef');
  const condition = elementProp(flow, 'conditionExpression');
  if (condition && source && CONDITIONAL_GATEWAYS.has(source.$type)) {
    checkExpression(stringProp(condition, 'body') ?? '', { mandatory: true, nonStatic: true }).forEach(report);
  }
  if (source?.$type === 'bpmn:ExclusiveGateway') {
    const siblings = index.outgoing.get(source) ?? [];
    if (siblings.length > 1 && !condition && elementProp(source, 'default') !== flow) {
      report('Must have a condition or be default flow');
    }
  }
}
