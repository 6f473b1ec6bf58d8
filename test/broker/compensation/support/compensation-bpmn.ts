/** BPMN snippets for compensation tests (the process wrapper and flows come from the engine tests' builder). */
import { serviceTask } from '../../engine/support/bpmn-builder.ts';

export { end, flow, io, processXml, serviceTask, start } from '../../engine/support/bpmn-builder.ts';

/** A compensation boundary event attached to an activity. */
export function compensationBoundary(id: string, attachedTo: string): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>`;
}

/** An association from a compensation boundary event to its handler. */
export function association(id: string, from: string, to: string): string {
  return `<bpmn:association id="${id}" associationDirection="One" sourceRef="${from}" targetRef="${to}" />`;
}

/** A service task marked as compensation handler (`isForCompensation`), optionally with more extension elements. */
export function handlerTask(id: string, type: string, extensions = '', tag = 'serviceTask'): string {
  return `<bpmn:${tag} id="${id}" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" />${extensions}</bpmn:extensionElements></bpmn:${tag}>`;
}

/**
 * A compensable service task: the task, its compensation boundary event `<id>-undo`, the handler
 * `undo-<id>` (a service task of job type `undo-<type>`) and the association between them.
 */
export function compensable(id: string, type: string, handlerExtensions = ''): string {
  return [serviceTask(id, type), compensationBoundary(`${id}-undo`, id), handlerTask(`undo-${id}`, `undo-${type}`, handlerExtensions), association(`${id}-assoc`, `${id}-undo`, `undo-${id}`)].join('\n');
}

/** The compensate event definition, with an optional activityRef and waitForCompletion. */
export function compensateDef(activityRef?: string, waitForCompletion?: boolean): string {
  const ref = activityRef ? ` activityRef="${activityRef}"` : '';
  const wait = waitForCompletion === undefined ? '' : ` waitForCompletion="${waitForCompletion}"`;
  return `<bpmn:compensateEventDefinition${ref}${wait} />`;
}

/** A compensation intermediate throw event. */
export function compensationThrow(id: string, activityRef?: string, waitForCompletion?: boolean): string {
  return `<bpmn:intermediateThrowEvent id="${id}">${compensateDef(activityRef, waitForCompletion)}</bpmn:intermediateThrowEvent>`;
}

/** A compensation end event. */
export function compensationEnd(id: string, activityRef?: string, waitForCompletion?: boolean): string {
  return `<bpmn:endEvent id="${id}">${compensateDef(activityRef, waitForCompletion)}</bpmn:endEvent>`;
}

/** Flows chaining element ids in order: `<prefix>1` … between consecutive ids. */
export function chain(prefix: string, ids: readonly string[]): string[] {
  return ids.slice(1).map((id, i) => `<bpmn:sequenceFlow id="${prefix}${i + 1}" sourceRef="${ids[i]}" targetRef="${id}" />`);
}
