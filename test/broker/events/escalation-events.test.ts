import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, end, flow, processXml, start, withRoots } from './support/event-bpmn.ts';
import { completed, lifecycle, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

const escalationRoot = '<bpmn:escalation id="supervise" name="supervise" escalationCode="SUPERVISE" />';
const escalationDef = '<bpmn:escalationEventDefinition escalationRef="supervise" />';

/** A sub-process that throws SUPERVISE midway (throw event) and then does a task, with an escalation boundary. */
function supervised(id: string, interrupting: boolean): string {
  const inner = [
    '<bpmn:startEvent id="s1" />',
    `<bpmn:intermediateThrowEvent id="raise">${escalationDef}</bpmn:intermediateThrowEvent>`,
    '<bpmn:task id="afterRaise" />',
    '<bpmn:endEvent id="e1" />',
    '<bpmn:sequenceFlow id="i1" sourceRef="s1" targetRef="raise" />',
    '<bpmn:sequenceFlow id="i2" sourceRef="raise" targetRef="afterRaise" />',
    '<bpmn:sequenceFlow id="i3" sourceRef="afterRaise" targetRef="e1" />',
  ].join('');
  return withRoots(
    processXml(
      id,
      [
        start(),
        `<bpmn:subProcess id="stage">${inner}</bpmn:subProcess>`,
        boundary('escalated', 'stage', escalationDef, interrupting),
        end(),
        '<bpmn:endEvent id="supervisor" />',
        flow('f1', 'start', 'stage'),
        flow('f2', 'stage', 'end'),
        flow('f3', 'escalated', 'supervisor'),
      ].join('\n'),
    ),
    [escalationRoot],
  );
}

describe('escalation events', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should terminate the sub-process when an interrupting escalation boundary catches the escalation', async () => {
    // given
    await h.deploy('esc-int.bpmn', supervised('esc-int', true));
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'esc-int', variables: {} });
    // then
    const records = h.records();
    expect(h.recordsOf('ESCALATION', 'ESCALATED', processInstanceKey)).toHaveLength(1);
    expect(lifecycle(records, 'afterRaise', processInstanceKey)).toEqual([]);
    expect(lifecycle(records, 'stage', processInstanceKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'supervisor', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'end', processInstanceKey)).toEqual([]);
    expect(completed(records, 'esc-int', processInstanceKey)).toBe(true);
  });

  it('should let the sub-process go on when a non-interrupting escalation boundary catches the escalation', async () => {
    // given
    await h.deploy('esc-non.bpmn', supervised('esc-non', false));
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'esc-non', variables: {} });
    // then
    const records = h.records();
    expect(lifecycle(records, 'raise', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'afterRaise', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'supervisor', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'end', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(completed(records, 'esc-non', processInstanceKey)).toBe(true);
  });

  it('should complete an escalation end event nothing catches, writing NOT_ESCALATED', async () => {
    // given
    const xml = withRoots(processXml('esc-none', [start(), `<bpmn:endEvent id="raiseEnd">${escalationDef}</bpmn:endEvent>`, flow('f1', 'start', 'raiseEnd')].join('\n')), [escalationRoot]);
    await h.deploy('esc-none.bpmn', xml);
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'esc-none', variables: {} });
    // then
    expect(h.recordsOf('ESCALATION', 'NOT_ESCALATED', processInstanceKey)).toHaveLength(1);
    expect(h.recordsOf('INCIDENT', 'CREATED', processInstanceKey)).toHaveLength(0);
    expect(completed(h.records(), 'esc-none', processInstanceKey)).toBe(true);
  });

  it('should reject an escalation boundary event attached to a task', async () => {
    // given
    const xml = withRoots(
      processXml('esc-task', [start(), '<bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements></bpmn:serviceTask>', boundary('esc', 't', escalationDef), end(), '<bpmn:endEvent id="e2" />', flow('f1', 'start', 't'), flow('f2', 't', 'end'), flow('f3', 'esc', 'e2')].join('\n')),
      [escalationRoot],
    );
    // when
    const failure = await h.deploy('esc-task.bpmn', xml).then(() => undefined, (error: Error) => error);
    // then
    expect(failure?.message).toContain('Element: esc');
    expect(failure?.message).toContain('An escalation boundary event should only be attached to a subprocess, or a call activity');
  });
});
