import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, end, error, flow, processXml, serviceTask, start, timerDef, withRoots } from './support/event-bpmn.ts';
import { completed, HOUR, lifecycle, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

/** A sub-process (start → task → end) with a boundary event, and the boundary's own end. */
function subProcessWith(id: string, inner: string, boundaryXml: string, roots: string[] = []): string {
  return withRoots(
    processXml(
      id,
      [
        start(),
        `<bpmn:subProcess id="stage"><bpmn:startEvent id="s1" />${inner}<bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="work" /><bpmn:sequenceFlow id="i2" sourceRef="work" targetRef="e1" /></bpmn:subProcess>`,
        boundaryXml,
        end(),
        '<bpmn:endEvent id="caught" />',
        flow('f1', 'start', 'stage'),
        flow('f2', 'stage', 'end'),
        flow('f3', 'onEvent', 'caught'),
      ].join('\n'),
    ),
    roots,
  );
}

describe('boundary events on sub-processes and multi-instance activities', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should terminate a sub-process and its job when its interrupting timer boundary fires (办结时限 on a stage)', async () => {
    // given
    await h.deploy('stage-timer.bpmn', subProcessWith('stage-timer', `${serviceTask('work', 'stage-timer-work')}<bpmn:endEvent id="e1" />`, boundary('onEvent', 'stage', timerDef('timeDuration', 'P3D'))));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'stage-timer', variables: {} });
    // when
    await h.advance(72 * HOUR);
    // then
    const records = h.records();
    expect(lifecycle(records, 'work', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'stage', processInstanceKey).slice(-2)).toEqual(['ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'caught', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(completed(records, 'stage-timer', processInstanceKey)).toBe(true);
  });

  it('should catch an error end event of a sub-process on the sub-process error boundary', async () => {
    // given
    const inner = `<bpmn:task id="work" /><bpmn:endEvent id="e1"><bpmn:errorEventDefinition errorRef="refused" /></bpmn:endEvent>`;
    await h.deploy('stage-error.bpmn', subProcessWith('stage-error', inner, boundary('onEvent', 'stage', '<bpmn:errorEventDefinition errorRef="refused" />'), [error('refused', 'REFUSED')]));
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'stage-error', variables: {} });
    // then
    const records = h.records();
    expect(h.recordsOf('INCIDENT', 'CREATED', processInstanceKey)).toHaveLength(0);
    expect(lifecycle(records, 'stage', processInstanceKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'caught', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'end', processInstanceKey)).toEqual([]);
    expect(completed(records, 'stage-error', processInstanceKey)).toBe(true);
  });

  it('should terminate every countersign task of a multi-instance activity when its timer boundary fires', async () => {
    // given a parallel multi-instance user task (会签) with a 2-day deadline
    const task = `<bpmn:serviceTask id="sign"><bpmn:extensionElements><zeebe:taskDefinition type="mi-sign" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=signers" inputElement="signer" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>`;
    const xml = processXml(
      'mi-timer',
      [start(), task, boundary('late', 'sign', timerDef('timeDuration', 'P2D')), end(), '<bpmn:endEvent id="overdue" />', flow('f1', 'start', 'sign'), flow('f2', 'sign', 'end'), flow('f3', 'late', 'overdue')].join('\n'),
    );
    await h.deploy('mi-timer.bpmn', xml);
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mi-timer', variables: { signers: ['a', 'b', 'c'] } });
    expect(h.recordsOf('TIMER', 'CREATED', processInstanceKey)).toHaveLength(1);
    // when
    await h.advance(48 * HOUR);
    // then
    const records = h.records();
    expect(h.recordsOf('JOB', 'CANCELED', processInstanceKey)).toHaveLength(3);
    expect(lifecycle(records, 'overdue', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'end', processInstanceKey)).toEqual([]);
    expect(completed(records, 'mi-timer', processInstanceKey)).toBe(true);
  });
});
