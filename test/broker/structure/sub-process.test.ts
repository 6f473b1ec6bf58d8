/**
 * Embedded sub-processes and terminate end events through zeebe-node: variable scoping, completion
 * when the children finish, termination, and ModifyProcessInstance into a sub-process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, io, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { jobOf, lifecycleOf, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';

/** start → sub (input: local = 1; output: total) { s-start → inner → s-end } → after → end */
const scoped = processXml(
  'sp-scope',
  [
    start(),
    `<bpmn:subProcess id="sub"><bpmn:extensionElements>${io([['=base', 'local']], [['=local + result', 'total']])}</bpmn:extensionElements>
      ${start('s-start')}
      ${serviceTask('inner', 'sp-inner')}
      ${end('s-end')}
      ${flow('s1', 's-start', 'inner')}
      ${flow('s2', 'inner', 's-end')}
    </bpmn:subProcess>`,
    serviceTask('after', 'sp-after'),
    end(),
    flow('f1', 'start', 'sub'),
    flow('f2', 'sub', 'after'),
    flow('f3', 'after', 'end'),
  ].join('\n'),
);

/** fork → (slow task | fast → terminate end): the terminate end event ends the slow branch. */
const terminating = processXml(
  'sp-terminate',
  [
    start(),
    '<bpmn:parallelGateway id="fork" />',
    serviceTask('slow', 'sp-slow'),
    serviceTask('fast', 'sp-fast'),
    end(),
    '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
    flow('f1', 'start', 'fork'),
    flow('f2', 'fork', 'slow'),
    flow('f3', 'fork', 'fast'),
    flow('f4', 'slow', 'end'),
    flow('f5', 'fast', 'kill'),
  ].join('\n'),
);

/** The same inside a sub-process: only the sub-process is terminated, the process goes on. */
const terminatingInside = processXml(
  'sp-terminate-inside',
  [
    start(),
    `<bpmn:subProcess id="sub">
      ${start('s-start')}
      <bpmn:parallelGateway id="fork" />
      ${serviceTask('slow', 'spi-slow')}
      ${serviceTask('fast', 'spi-fast')}
      ${end('s-end')}
      <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      ${flow('s1', 's-start', 'fork')}
      ${flow('s2', 'fork', 'slow')}
      ${flow('s3', 'fork', 'fast')}
      ${flow('s4', 'slow', 's-end')}
      ${flow('s5', 'fast', 'kill')}
    </bpmn:subProcess>`,
    serviceTask('after', 'spi-after'),
    end(),
    flow('f1', 'start', 'sub'),
    flow('f2', 'sub', 'after'),
    flow('f3', 'after', 'end'),
  ].join('\n'),
);

describe('embedded sub-process and terminate end event', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('sp-scope.bpmn', scoped);
    await h.deploy('sp-terminate.bpmn', terminating);
    await h.deploy('sp-terminate-inside.bpmn', terminatingInside);
  });

  afterAll(async () => {
    await h.close();
  });

  const job = (type: string, processInstanceKey: string) => jobOf(h.client, type, processInstanceKey);

  it('should keep input-mapped variables local to the sub-process and hand out only its outputs', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sp-scope', variables: { base: 10 } });
    // when the inner task runs, it sees the sub-process's local variable
    const inner = await job('sp-inner', processInstanceKey);
    expect(inner.variables).toMatchObject({ base: 10, local: 10 });
    const subKey = h.records().find((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && (r.value as { elementId: string }).elementId === 'sub' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey)!.key;
    const localVariable = h.records().find((r) => r.valueType === 'VARIABLE' && (r.value as { name: string }).name === 'local' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
    expect((localVariable!.value as { scopeKey: number }).scopeKey).toBe(subKey);
    await h.client.completeJob({ jobKey: inner.key, variables: { result: 5 } });
    // then after the sub-process: its output is there, its local variable is gone
    const after = await job('sp-after', processInstanceKey);
    expect(after.variables).toMatchObject({ base: 10, total: 15, result: 5 });
    expect(after.variables).not.toHaveProperty('local');
    expect(lifecycleOf(h.records(), 'sub', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycleOf(h.records(), 's-end', processInstanceKey)).toContain('ELEMENT_COMPLETED');
  });

  it('should terminate the sub-process and its job when the process instance is cancelled', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sp-scope', variables: { base: 1 } });
    const inner = await job('sp-inner', processInstanceKey);
    // when
    await h.client.cancelProcessInstance(processInstanceKey);
    // then
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_TERMINATED' && String(r.key) === processInstanceKey);
    expect(lifecycleOf(h.records(), 'sub', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(h.records().some((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && String(r.key) === inner.key)).toBe(true);
  });

  it('should end the whole process instance at a terminate end event, terminating the concurrent branch', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sp-terminate', variables: {} });
    const slow = await job('sp-slow', processInstanceKey);
    const fast = await job('sp-fast', processInstanceKey);
    // when
    await h.client.completeJob({ jobKey: fast.key, variables: {} });
    // then the slow task is terminated and the process completes
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === processInstanceKey);
    expect(lifecycleOf(h.records(), 'slow', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(h.records(), 'kill', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(h.records().some((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && String(r.key) === slow.key)).toBe(true);
  });

  it('should end only its sub-process at a terminate end event inside it, and the process goes on', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sp-terminate-inside', variables: {} });
    await job('spi-slow', processInstanceKey);
    const fast = await job('spi-fast', processInstanceKey);
    // when
    await h.client.completeJob({ jobKey: fast.key, variables: {} });
    // then
    const after = await job('spi-after', processInstanceKey);
    expect(after.elementId).toBe('after');
    expect(lifecycleOf(h.records(), 'slow', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(h.records(), 'sub', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('should activate an element inside a sub-process by modification, creating the sub-process scope with its variables', async () => {
    // given an instance past the sub-process
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sp-scope', variables: { base: 2 } });
    const inner = await job('sp-inner', processInstanceKey);
    await h.client.completeJob({ jobKey: inner.key, variables: { result: 1 } });
    const after = await job('sp-after', processInstanceKey);
    // when it is sent back into the sub-process
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'inner', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'sub', variables: { local: 100 } }] }],
      terminateInstructions: [{ elementInstanceKey: after.elementInstanceKey }],
    });
    // then a new sub-process instance holds the variable and the inner job appears again
    const again = await job('sp-inner', processInstanceKey);
    expect(again.variables).toMatchObject({ local: 100 });
    await h.client.completeJob({ jobKey: again.key, variables: { result: 1 } });
    const afterAgain = await job('sp-after', processInstanceKey);
    expect(afterAgain.variables).toMatchObject({ total: 101 });
    expect(lifecycleOf(h.records(), 'sub', processInstanceKey).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(2);
  });
});
