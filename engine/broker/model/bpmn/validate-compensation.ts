/**
 * Deploy rules for compensation (Zeebe 8.5+): compensation boundary events, compensation handlers
 * (`isForCompensation`), compensation intermediate throw and end events, and compensation event
 * sub-processes (which Zeebe rejects). Zeebe's wording where it has one.
 */
import { SUPPORTED_ELEMENTS } from './element-table.ts';
import type { ElementRow } from './element-table.ts';
import { elementList, elementProp, localTypeName } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';
import { associatedHandlers, compensateDefinition, isForCompensation } from './read-compensation.ts';
import { isEventSubProcess } from './validate-event-sub-process.ts';

/** Activities that may be compensation handlers (Zeebe's documented list). */
const HANDLER_TYPES: ReadonlySet<string> = new Set([
  'bpmn:ServiceTask',
  'bpmn:UserTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:BusinessRuleTask',
  'bpmn:ScriptTask',
  'bpmn:ManualTask',
  'bpmn:Task',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
]);

/** Activities a compensation boundary event may be attached to. */
const COMPENSABLE_TYPES = HANDLER_TYPES;

/** Sequence flows of a node's flow scope that enter (`targetRef`) or leave (`sourceRef`) it. */
function flowsOf(node: ModdleElement, end: 'sourceRef' | 'targetRef'): ModdleElement[] {
  const siblings = node.$parent ? elementList(node.$parent, 'flowElements') : [];
  return siblings.filter((flow) => flow.$type === 'bpmn:SequenceFlow' && elementProp(flow, end) === node);
}

/** Boundary events attached to an activity. */
function boundaryEventsOf(node: ModdleElement): ModdleElement[] {
  const siblings = node.$parent ? elementList(node.$parent, 'flowElements') : [];
  return siblings.filter((other) => other.$type === 'bpmn:BoundaryEvent' && elementProp(other, 'attachedToRef') === node);
}

/** Whether an activity has a compensation boundary event. */
function hasCompensationBoundary(node: ModdleElement): boolean {
  return boundaryEventsOf(node).some((boundary) => compensateDefinition(boundary) !== undefined);
}

/** Validates a compensation boundary event (instead of the rules of other boundary events). */
export function validateCompensationBoundary(node: ModdleElement, outgoing: readonly ModdleElement[], report: (message: string) => void): void {
  const host = elementProp(node, 'attachedToRef');
  if (!host) report('Must be attached to an activity');
  else if (!COMPENSABLE_TYPES.has(host.$type) || isEventSubProcess(host)) {
    report(`Compensation boundary events attached to elements of type '${localTypeName(host.$type)}' ('${host.id ?? ''}') are not supported`);
  }
  const handlers = associatedHandlers(node);
  if (outgoing.length > 0 || handlers.length === 0) {
    report('Compensation boundary events must have a compensation association and no outgoing sequence flows');
  }
  if (handlers.length > 1) report('A compensation boundary event must be associated with exactly one compensation handler');
  const handler = handlers[0];
  if (!handler) return;
  if (!HANDLER_TYPES.has(handler.$type) || isEventSubProcess(handler)) {
    report(
      `The compensation handler '${handler.id ?? ''}' is of type '${localTypeName(handler.$type)}'; a compensation handler must be one of: ` +
        'service task, user task, send task, receive task, business rule task, script task, manual task, undefined task, subprocess or call activity',
    );
  } else if (!isForCompensation(handler)) {
    report(`The compensation handler '${handler.id ?? ''}' must be marked as compensation activity (isForCompensation="true")`);
  }
}

/**
 * Validates what else compensation needs on a flow node: handlers without sequence flows and boundary
 * events, compensation throw/end events that wait for completion and reference a compensable activity.
 */
export function validateCompensation(node: ModdleElement, row: ElementRow, report: (message: string) => void): void {
  if (!row.isEvent && isForCompensation(node)) {
    if (flowsOf(node, 'targetRef').length > 0) report('A compensation handler should have no incoming sequence flows');
    if (flowsOf(node, 'sourceRef').length > 0) report('A compensation handler should have no outgoing sequence flows');
    if (boundaryEventsOf(node).length > 0) report('A compensation handler should have no boundary events');
  }
  if (row.type === 'SUB_PROCESS' && isEventSubProcess(node) && node.$parent?.$type === 'bpmn:Process') {
    const start = elementList(node, 'flowElements').find((element) => element.$type === 'bpmn:StartEvent');
    if (start && compensateDefinition(start)) report('A compensation event subprocess is not allowed on the process level');
  }
  const definition = compensateDefinition(node);
  if (!definition || (row.type !== 'INTERMEDIATE_THROW_EVENT' && row.type !== 'END_EVENT')) return;
  if (definition.waitForCompletion === false || definition.$attrs?.waitForCompletion === 'false') {
    report(
      row.type === 'END_EVENT'
        ? 'A compensation end event waitForCompletion attribute must be true or not present'
        : 'A compensation intermediate throwing event waitForCompletion attribute must be true or not present',
    );
  }
  const activity = elementProp(definition, 'activityRef');
  if (activity) validateActivityRef(node, activity, report);
}

/** `activityRef`: an activity with a compensation boundary event, in the throw event's scope (or, from an event sub-process, the scope around it). */
function validateActivityRef(node: ModdleElement, activity: ModdleElement, report: (message: string) => void): void {
  const id = activity.id ?? '';
  if (!SUPPORTED_ELEMENTS.get(activity.$type) || !COMPENSABLE_TYPES.has(activity.$type)) {
    report(`The compensation activity '${id}' referenced by activityRef must be an activity`);
    return;
  }
  if (!hasCompensationBoundary(activity)) {
    report(`The compensation activity '${id}' referenced by activityRef must have a compensation boundary event`);
  }
  const scope = node.$parent;
  const sameScope = activity.$parent === scope || (isEventSubProcess(scope) && activity.$parent === scope?.$parent);
  if (!sameScope) report(`The compensation activity '${id}' referenced by activityRef must be in the same scope as the compensation throw event`);
}
