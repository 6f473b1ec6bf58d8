import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, end, error, flow, processXml, serviceTask, start, withRoots } from './support/event-bpmn.ts';
import { completed, lifecycle, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

const errorDef = (ref?: string): string => (ref ? `<bpmn:errorEventDefinition errorRef="${ref}" />` : '<bpmn:errorEventDefinition />');

/** A task with an error boundary for code REJECTED and a catch-all one. */
const taskWithErrors = (id: string): string =>
  withRoots(
    processXml(
      id,
      [
        start(),
        serviceTask('task', `${id}-work`),
        boundary('rejected', 'task', errorDef(`${id}-rejected`)),
        boundary('anyError', 'task', errorDef()),
        end(),
        '<bpmn:endEvent id="sentBack" />',
        '<bpmn:endEvent id="failed" />',
        flow('f1', 'start', 'task'),
        flow('f2', 'task', 'end'),
        flow('f3', 'rejected', 'sentBack'),
        flow('f4', 'anyError', 'failed'),
      ].join('\n'),
    ),
    [error(`${id}-rejected`, 'REJECTED')],
  );

describe('error events', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
    await h.deploy('errors.bpmn', taskWithErrors('errors'));
  });
  afterAll(async () => {
    await h.close();
  });

  async function throwFromTask(errorCode: string, variables: Record<string, string> = {}): Promise<string> {
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'errors', variables: {} });
    const [job] = await h.client.activateJobs({ type: 'errors-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 1_000 });
    await h.client.throwError({ jobKey: job!.key, errorCode, errorMessage: `thrown ${errorCode}`, variables });
    return processInstanceKey;
  }

  it('should catch a thrown error by its code on an interrupting error boundary event', async () => {
    // when
    const pi = await throwFromTask('REJECTED', { note: '材料不全' });
    // then
    const records = h.records();
    expect(lifecycle(records, 'task', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'sentBack', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'failed', pi)).toEqual([]);
    expect(h.recordsOf('INCIDENT', 'CREATED', pi)).toHaveLength(0);
    expect(completed(records, 'errors', pi)).toBe(true);
    const note = h.recordsOf('VARIABLE', 'CREATED', pi).find((r) => (r.value as { name: string }).name === 'note');
    expect((note!.value as { value: string }).value).toBe('"材料不全"');
  });

  it('should catch any other code on the catch-all error boundary event', async () => {
    // when
    const pi = await throwFromTask('SOMETHING_ELSE');
    // then
    expect(lifecycle(h.records(), 'failed', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'sentBack', pi)).toEqual([]);
  });

  it('should raise an incident for an error nothing catches', async () => {
    // given
    await h.deploy('uncaught.bpmn', withRoots(
      processXml('uncaught', [start(), serviceTask('task', 'uncaught-work'), boundary('rejected', 'task', errorDef('uncaught-err')), end(), '<bpmn:endEvent id="x" />', flow('f1', 'start', 'task'), flow('f2', 'task', 'end'), flow('f3', 'rejected', 'x')].join('\n')),
      [error('uncaught-err', 'ONLY_THIS')],
    ));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'uncaught', variables: {} });
    const [job] = await h.client.activateJobs({ type: 'uncaught-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 1_000 });
    // when
    await h.client.throwError({ jobKey: job!.key, errorCode: 'OTHER', errorMessage: 'boom' });
    // then
    const incident = h.recordsOf('INCIDENT', 'CREATED', processInstanceKey)[0]!;
    expect((incident.value as { errorType: string }).errorType).toBe('UNHANDLED_ERROR_EVENT');
    expect(lifecycle(h.records(), 'task', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
  });

  it('should raise an incident at an error end event whose error is not caught', async () => {
    // given
    await h.deploy('error-end.bpmn', withRoots(
      processXml('error-end', [start(), `<bpmn:endEvent id="fail">${errorDef('end-err')}</bpmn:endEvent>`, flow('f1', 'start', 'fail')].join('\n')),
      [error('end-err', 'NOT_ALLOWED')],
    ));
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'error-end', variables: {} });
    // then
    const incident = h.recordsOf('INCIDENT', 'CREATED', processInstanceKey)[0]!;
    expect(incident.value).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'fail' });
    expect((incident.value as { errorMessage: string }).errorMessage).toContain("'NOT_ALLOWED'");
  });
});
