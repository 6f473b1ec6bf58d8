/**
 * Small BPMN text builders for engine tests: each spec writes its model next to the test.
 * Incoming/outgoing are derived by the model layer from the sequence flows.
 */

/** Wraps flow elements into an executable process definition. */
export function processXml(id: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  id="defs-${id}" targetNamespace="http://streetflow.local/test">
  <bpmn:process id="${id}" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

export const start = (id = 'start'): string => `<bpmn:startEvent id="${id}" />`;
export const end = (id = 'end'): string => `<bpmn:endEvent id="${id}" />`;

/** One `zeebe:ioMapping`. */
export function io(inputs: [string, string][] = [], outputs: [string, string][] = []): string {
  if (inputs.length === 0 && outputs.length === 0) return '';
  const i = inputs.map(([source, target]) => `<zeebe:input source="${source}" target="${target}" />`).join('');
  const o = outputs.map(([source, target]) => `<zeebe:output source="${source}" target="${target}" />`).join('');
  return `<zeebe:ioMapping>${i}${o}</zeebe:ioMapping>`;
}

/** A service task with a job type (and optional retries, headers, extra extension elements). */
export function serviceTask(
  id: string,
  type: string,
  options: { retries?: string; headers?: Record<string, string>; extensions?: string; tag?: string } = {},
): string {
  const tag = options.tag ?? 'serviceTask';
  const retries = options.retries ? ` retries="${options.retries}"` : '';
  const headers = options.headers
    ? `<zeebe:taskHeaders>${Object.entries(options.headers)
        .map(([k, v]) => `<zeebe:header key="${k}" value="${v}" />`)
        .join('')}</zeebe:taskHeaders>`
    : '';
  return `<bpmn:${tag} id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"${retries} />${headers}${
    options.extensions ?? ''
  }</bpmn:extensionElements></bpmn:${tag}>`;
}

/** A sequence flow, optionally with a FEEL condition (written with its leading `=`). */
export function flow(id: string, from: string, to: string, condition?: string): string {
  if (!condition) return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

/** start → one service task → end. */
export function oneTaskProcess(id: string, type: string, taskExtras: { retries?: string; extensions?: string } = {}): string {
  return processXml(
    id,
    [start(), serviceTask('task', type, taskExtras), end(), flow('f1', 'start', 'task'), flow('f2', 'task', 'end')].join('\n'),
  );
}

/**
 * start → parallel fork → each branch → parallel join → end. Branches are [elementId, element XML];
 * flows are f0 (start→fork), f1…fn (fork→branch), then the branch→join flows, then join→end.
 */
export function parallelProcess(id: string, branches: [string, string][]): string {
  const n = branches.length;
  return processXml(
    id,
    [
      start(),
      '<bpmn:parallelGateway id="fork" />',
      ...branches.map(([, xml]) => xml),
      '<bpmn:parallelGateway id="join" />',
      end(),
      flow('f0', 'start', 'fork'),
      ...branches.map(([branch], i) => flow(`f${i + 1}`, 'fork', branch)),
      ...branches.map(([branch], i) => flow(`f${n + i + 1}`, branch, 'join')),
      flow(`f${2 * n + 1}`, 'join', 'end'),
    ].join('\n'),
  );
}
