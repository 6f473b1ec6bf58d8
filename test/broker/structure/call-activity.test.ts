/**
 * Call activities through zeebe-node: the called process by id (static or FEEL, latest version),
 * variable propagation both ways and its switches, mappings, cancellation of the child with the
 * parent, and a child's incident linked to the parent by the child's records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, io, oneTaskProcess, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { jobOf, lifecycleOf, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';

function caller(id: string, calledElement: string, extras = ''): string {
  return processXml(
    id,
    [
      start(),
      `<bpmn:callActivity id="call"><bpmn:extensionElements>${calledElement}${extras}</bpmn:extensionElements></bpmn:callActivity>`,
      serviceTask('after', `${id}-after`),
      end(),
      flow('f1', 'start', 'call'),
      flow('f2', 'call', 'after'),
      flow('f3', 'after', 'end'),
    ].join('\n'),
  );
}

describe('call activity', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('ca-child.bpmn', oneTaskProcess('ca-child', 'ca-child-old'));
    await h.deploy('ca-child.bpmn', oneTaskProcess('ca-child', 'ca-child-work'));
    await h.deploy('ca-parent.bpmn', caller('ca-parent', '<zeebe:calledElement processId="ca-child" />'));
    await h.deploy('ca-dynamic.bpmn', caller('ca-dynamic', '<zeebe:calledElement processId="=childId" propagateAllChildVariables="false" propagateAllParentVariables="false" />', io([['=secret', 'given']], [['=answer', 'fromChild']])));
  });

  afterAll(async () => {
    await h.close();
  });

  const job = (type: string, processInstanceKey?: string) => jobOf(h.client, type, processInstanceKey);

  function childOf(parentKey: string): string {
    const record = h.records().find(
      (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && (r.value as { bpmnElementType: string }).bpmnElementType === 'PROCESS' && String((r.value as { parentProcessInstanceKey: number }).parentProcessInstanceKey) === parentKey,
    );
    if (!record) throw new Error('no child instance');
    return String(record.key);
  }

  it('should run the latest version of the called process with all parent variables and hand back all child variables', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'ca-parent', variables: { caseNo: 'A-1' } });
    // when the child's task is done
    const work = await job('ca-child-work');
    const childKey = childOf(processInstanceKey);
    expect(work.processInstanceKey).toBe(childKey);
    expect(work.processDefinitionVersion).toBe(2);
    expect(work.variables).toMatchObject({ caseNo: 'A-1' });
    await h.client.completeJob({ jobKey: work.key, variables: { permit: 'P-9' } });
    // then the call activity completes with the child's variables
    const after = await job('ca-parent-after', processInstanceKey);
    expect(after.variables).toMatchObject({ caseNo: 'A-1', permit: 'P-9' });
    expect(lifecycleOf(h.records(), 'call', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    const child = h.records().find((r) => r.valueType === 'PROCESS_INSTANCE' && String(r.key) === childKey)!;
    expect(child.value).toMatchObject({ parentProcessInstanceKey: Number(processInstanceKey), bpmnProcessId: 'ca-child', version: 2 });
  });

  it('should honour a FEEL process id, the propagation switches and the mappings', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'ca-dynamic', variables: { childId: 'ca-child', secret: 's', other: 'hidden' } });
    // when
    const work = await job('ca-child-work', childOf(processInstanceKey));
    expect(work.variables).toEqual({ given: 's' });
    await h.client.completeJob({ jobKey: work.key, variables: { answer: 42, noise: true } });
    // then only the output mapping reaches the parent
    const after = await job('ca-dynamic-after', processInstanceKey);
    expect(after.variables).toMatchObject({ fromChild: 42 });
    expect(after.variables).not.toHaveProperty('noise');
    expect(after.variables).not.toHaveProperty('answer');
  });

  it('should terminate the child instance and its job when the parent is cancelled, and refuse to cancel the child directly', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'ca-parent', variables: {} });
    const childKey = childOf(processInstanceKey);
    const work = await job('ca-child-work', childKey);
    await expect(h.client.cancelProcessInstance(childKey)).rejects.toThrow('it is created by a parent process instance');
    // when
    await h.client.cancelProcessInstance(processInstanceKey);
    // then
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_TERMINATED' && String(r.key) === processInstanceKey);
    expect(lifecycleOf(h.records(), 'ca-child', childKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(h.records(), 'call', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(h.records().some((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && String(r.key) === work.key)).toBe(true);
  });

  it('should raise CALLED_ELEMENT_ERROR for an unknown process, and show a child incident with the parent link', async () => {
    // given
    const missing = await h.client.createProcessInstance({ bpmnProcessId: 'ca-dynamic', variables: { childId: 'nope', secret: 1 } });
    const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-parent', variables: {} });
    // then
    const incident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && String((r.value as { processInstanceKey: number }).processInstanceKey) === missing.processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call', errorMessage: "Expected process with BPMN process id 'nope' to be deployed, but not found." });
    // when the child's job fails without retries
    const childKey = childOf(parent.processInstanceKey);
    const work = await job('ca-child-work', childKey);
    await h.client.failJob({ jobKey: work.key, retries: 0, errorMessage: 'office system down', retryBackOff: 0 });
    // then the incident belongs to the child, whose records name the parent
    const childIncident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && String((r.value as { processInstanceKey: number }).processInstanceKey) === childKey);
    expect(childIncident.value).toMatchObject({ errorType: 'JOB_NO_RETRIES', bpmnProcessId: 'ca-child' });
    const childRecord = h.records().find((r) => r.valueType === 'PROCESS_INSTANCE' && String(r.key) === childKey)!;
    expect(String((childRecord.value as { parentProcessInstanceKey: number }).parentProcessInstanceKey)).toBe(parent.processInstanceKey);
    await h.client.cancelProcessInstance(parent.processInstanceKey);
    await h.client.cancelProcessInstance(missing.processInstanceKey);
  });
});
