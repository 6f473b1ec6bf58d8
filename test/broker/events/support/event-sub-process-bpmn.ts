/** BPMN builders for event sub-process tests. */
import { end, flow, serviceTask } from './event-bpmn.ts';

/** The start event of an event sub-process. */
export interface EspStart {
  readonly id: string;
  /** The event definition XML (timer, message, signal, error, escalation). */
  readonly definition: string;
  readonly interrupting: boolean;
  /** zeebe extension elements of the start event (e.g. an ioMapping with outputs). */
  readonly extensions?: string;
}

/**
 * An event sub-process: its start event, then a service task of `taskType` (when given), then an end
 * event `<id>-end`.
 */
export function eventSubProcess(id: string, start: EspStart, taskType?: string): string {
  const ext = start.extensions ? `<bpmn:extensionElements>${start.extensions}</bpmn:extensionElements>` : '';
  const task = taskType ? [serviceTask(`${id}-task`, taskType), flow(`${id}-f1`, start.id, `${id}-task`), flow(`${id}-f2`, `${id}-task`, `${id}-end`)] : [flow(`${id}-f1`, start.id, `${id}-end`)];
  return `<bpmn:subProcess id="${id}" triggeredByEvent="true">
  <bpmn:startEvent id="${start.id}" isInterrupting="${start.interrupting}">${ext}${start.definition}</bpmn:startEvent>
  ${end(`${id}-end`)}
  ${task.join('\n  ')}
</bpmn:subProcess>`;
}

/** An error event definition (catch-all without a reference). */
export const errorDef = (ref?: string): string => (ref ? `<bpmn:errorEventDefinition errorRef="${ref}" />` : '<bpmn:errorEventDefinition />');

/** An escalation event definition (catch-all without a reference). */
export const escalationDef = (ref?: string): string => (ref ? `<bpmn:escalationEventDefinition escalationRef="${ref}" />` : '<bpmn:escalationEventDefinition />');

/** A `bpmn:escalation` (goes next to the process). */
export const escalation = (id: string, code: string): string => `<bpmn:escalation id="${id}" name="${id}" escalationCode="${code}" />`;
