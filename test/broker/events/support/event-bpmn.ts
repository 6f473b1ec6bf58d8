/** BPMN snippets for event tests (the process wrapper and flows come from the engine tests' builder). */
export { end, flow, io, processXml, serviceTask, start } from '../../engine/support/bpmn-builder.ts';

/** A timer event definition of one kind. */
export function timerDef(kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string): string {
  return `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
}

/** An intermediate catch event with a definition. */
export function catchEvent(id: string, definition: string, extensions = ''): string {
  const ext = extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : '';
  return `<bpmn:intermediateCatchEvent id="${id}">${ext}${definition}</bpmn:intermediateCatchEvent>`;
}

/** A boundary event attached to an activity. */
export function boundary(id: string, attachedTo: string, definition: string, interrupting = true): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>`;
}

/** A message event definition referring to a message id. */
export function messageDef(messageId: string): string {
  return `<bpmn:messageEventDefinition messageRef="${messageId}" />`;
}

/** A `bpmn:message` (goes next to the process, inside definitions). */
export function message(id: string, name: string, correlationKey?: string): string {
  const sub = correlationKey ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${correlationKey}" /></bpmn:extensionElements>` : '';
  return `<bpmn:message id="${id}" name="${name}">${sub}</bpmn:message>`;
}

/** A `bpmn:error` (goes next to the process). */
export function error(id: string, code: string): string {
  return `<bpmn:error id="${id}" name="${id}" errorCode="${code}" />`;
}

/** Process XML with root elements (messages, errors) after the process. */
export function withRoots(processXmlText: string, roots: string[]): string {
  return processXmlText.replace('</bpmn:definitions>', `${roots.join('\n')}\n</bpmn:definitions>`);
}

/** A signal event definition referring to a signal id. */
export function signalDef(signalId: string): string {
  return `<bpmn:signalEventDefinition signalRef="${signalId}" />`;
}

/** A `bpmn:signal` (goes next to the process). */
export function signal(id: string, name: string): string {
  return `<bpmn:signal id="${id}" name="${name}" />`;
}
