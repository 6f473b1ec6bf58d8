/**
 * Reads compensation: the `isForCompensation` marker of handlers, the `activityRef` of compensation
 * throw and end events, and the handler a compensation boundary event is associated with
 * (`bpmn:association` from the boundary event to the handler, found among the artifacts of any
 * process or sub-process of the definitions, wherever the modeler put it).
 */
import type { CompensationDefinition } from '../types.ts';
import { elementList, elementProp } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';
import { eventDefinition } from './read-event-definitions.ts';

/** The compensate event definition of an event, if it is a compensation event. */
export function compensateDefinition(node: ModdleElement): ModdleElement | undefined {
  const definition = eventDefinition(node);
  return definition?.$type === 'bpmn:CompensateEventDefinition' ? definition : undefined;
}

/** Whether an activity is marked as a compensation handler. */
export function isForCompensation(node: ModdleElement): boolean {
  return node.isForCompensation === true || node.$attrs?.isForCompensation === 'true';
}

/** The root of the moddle tree a node belongs to (the definitions). */
function rootOf(node: ModdleElement): ModdleElement {
  let current = node;
  while (current.$parent) current = current.$parent;
  return current;
}

/** Every `bpmn:Association` below a moddle element (processes, sub-processes, collaborations). */
function associations(container: ModdleElement, found: ModdleElement[] = []): ModdleElement[] {
  for (const artifact of elementList(container, 'artifacts')) if (artifact.$type === 'bpmn:Association') found.push(artifact);
  for (const property of ['rootElements', 'flowElements']) {
    for (const child of elementList(container, property)) associations(child, found);
  }
  return found;
}

/** The handlers associated with a compensation boundary event (targets of associations leaving it). */
export function associatedHandlers(boundary: ModdleElement): ModdleElement[] {
  return associations(rootOf(boundary))
    .filter((association) => elementProp(association, 'sourceRef') === boundary)
    .map((association) => elementProp(association, 'targetRef'))
    .filter((target): target is ModdleElement => target !== undefined);
}

/** The compensation details of a compensation event; undefined for other elements. */
export function readCompensation(node: ModdleElement): CompensationDefinition | undefined {
  const definition = compensateDefinition(node);
  if (!definition) return undefined;
  if (node.$type === 'bpmn:BoundaryEvent') return { handlerId: associatedHandlers(node)[0]?.id };
  return { activityRef: elementProp(definition, 'activityRef')?.id };
}
