import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, catchEvent, end, flow, processXml, serviceTask, signal, signalDef, start, withRoots } from './support/event-bpmn.ts';
import { completed, lifecycle, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

const taskWithSignal = (id: string, name: string, interrupting: boolean): string =>
  withRoots(
    processXml(
      id,
      [
        start(),
        serviceTask('task', `${id}-work`),
        boundary('halt', 'task', signalDef(`${id}-sig`), interrupting),
        end(),
        '<bpmn:endEvent id="halted" />',
        flow('f1', 'start', 'task'),
        flow('f2', 'task', 'end'),
        flow('f3', 'halt', 'halted'),
      ].join('\n'),
    ),
    [signal(`${id}-sig`, name)],
  );

describe('signal events', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should complete every waiting signal catch event on a broadcast, with the signal variables', async () => {
    // given
    const xml = withRoots(
      processXml('sig-catch', [start(), catchEvent('wait', signalDef('s1')), end(), flow('f1', 'start', 'wait'), flow('f2', 'wait', 'end')].join('\n')),
      [signal('s1', 'policy-changed')],
    );
    await h.deploy('sig-catch.bpmn', xml);
    const a = await h.client.createProcessInstance({ bpmnProcessId: 'sig-catch', variables: {} });
    const b = await h.client.createProcessInstance({ bpmnProcessId: 'sig-catch', variables: {} });
    // when
    await h.client.broadcastSignal({ signalName: 'policy-changed', variables: { policy: 'v2' } });
    // then
    const records = h.records();
    expect(completed(records, 'sig-catch', a.processInstanceKey)).toBe(true);
    expect(completed(records, 'sig-catch', b.processInstanceKey)).toBe(true);
    expect(h.recordsOf('SIGNAL', 'BROADCASTED')).toHaveLength(1);
    expect(h.recordsOf('SIGNAL_SUBSCRIPTION', 'DELETED').length).toBeGreaterThanOrEqual(2);
    const policy = h.recordsOf('VARIABLE', 'CREATED', a.processInstanceKey).find((r) => (r.value as { name: string }).name === 'policy');
    expect((policy!.value as { value: string }).value).toBe('"v2"');
  });

  it('should terminate the task on an interrupting signal boundary event', async () => {
    // given
    await h.deploy('sig-int.bpmn', taskWithSignal('sig-int', 'office-closed', true));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sig-int', variables: {} });
    // when
    await h.client.broadcastSignal({ signalName: 'office-closed', variables: {} });
    // then
    expect(lifecycle(h.records(), 'task', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(h.records(), 'halted', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(completed(h.records(), 'sig-int', processInstanceKey)).toBe(true);
  });

  it('should keep the task active on a non-interrupting signal boundary event, once per broadcast', async () => {
    // given
    await h.deploy('sig-non.bpmn', taskWithSignal('sig-non', 'supervise', false));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sig-non', variables: {} });
    // when
    await h.client.broadcastSignal({ signalName: 'supervise', variables: {} });
    await h.client.broadcastSignal({ signalName: 'supervise', variables: {} });
    // then
    expect(lifecycle(h.records(), 'halted', processInstanceKey).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(2);
    expect(lifecycle(h.records(), 'task', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
  });

  it('should start an instance from a signal start event and broadcast from throw and end events', async () => {
    // given a process started by "case-opened" that throws "case-noted" and ends with "case-closed"
    const starter = withRoots(
      processXml(
        'sig-start',
        [
          `<bpmn:startEvent id="opened">${signalDef('open')}</bpmn:startEvent>`,
          `<bpmn:intermediateThrowEvent id="note">${signalDef('noted')}</bpmn:intermediateThrowEvent>`,
          `<bpmn:endEvent id="close">${signalDef('closed')}</bpmn:endEvent>`,
          flow('f1', 'opened', 'note'),
          flow('f2', 'note', 'close'),
        ].join('\n'),
      ),
      [signal('open', 'case-opened'), signal('noted', 'case-noted'), signal('closed', 'case-closed')],
    );
    const listener = withRoots(
      processXml('sig-listen', [start(), catchEvent('waitClosed', signalDef('closed')), end(), flow('f1', 'start', 'waitClosed'), flow('f2', 'waitClosed', 'end')].join('\n')),
      [signal('closed', 'case-closed')],
    );
    await h.deploy('sig-start.bpmn', starter);
    await h.deploy('sig-listen.bpmn', listener);
    const listening = await h.client.createProcessInstance({ bpmnProcessId: 'sig-listen', variables: {} });
    // when
    await h.client.broadcastSignal({ signalName: 'case-opened', variables: { caseNo: 'A-1' } });
    // then
    const broadcasts = h.recordsOf('SIGNAL', 'BROADCASTED').map((r) => (r.value as { signalName: string }).signalName);
    expect(broadcasts).toEqual(expect.arrayContaining(['case-opened', 'case-noted', 'case-closed']));
    const started = h.records().filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'sig-start');
    expect(started).toHaveLength(1);
    expect(completed(h.records(), 'sig-listen', listening.processInstanceKey)).toBe(true);
  });

  it('should reject a signal event that references no signal', async () => {
    // given
    const xml = processXml('sig-bad', [start(), catchEvent('wait', '<bpmn:signalEventDefinition />'), end(), flow('f1', 'start', 'wait'), flow('f2', 'wait', 'end')].join('\n'));
    // when
    const failure = await h.deploy('sig-bad.bpmn', xml).then(() => undefined, (error: Error) => error);
    // then
    expect(failure?.message).toContain('Element: wait');
    expect(failure?.message).toContain('Must reference a signal');
  });
});
