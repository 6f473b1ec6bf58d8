import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, oneTaskProcess, processXml, serviceTask, start } from './support/bpmn-builder.ts';
import { lifecycleOf, startHarness, type EngineHarness } from './support/engine-harness.ts';
import { activateAll, rawClient } from './support/raw-gateway-client.ts';

describe('process instances', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('pi-task.bpmn', oneTaskProcess('pi-task', 'pi-work'));
    await h.deploy('pi-empty.bpmn', processXml('pi-empty', [start(), end(), flow('f1', 'start', 'end')].join('')));
    await h.deploy(
      'pi-two.bpmn',
      processXml(
        'pi-two',
        [start(), serviceTask('first', 'pi-first'), serviceTask('second', 'pi-second'), end(), flow('f1', 'start', 'first'), flow('f2', 'first', 'second'), flow('f3', 'second', 'end')].join(''),
      ),
    );
  });

  afterAll(async () => {
    await h.close();
  });

  it('should run start → end and write the lifecycle records in order', async () => {
    // when
    const result = await h.client.createProcessInstanceWithResult({ bpmnProcessId: 'pi-empty', variables: { x: 1 } });
    // then
    const records = h.records();
    expect(lifecycleOf(records, 'pi-empty', result.processInstanceKey)).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(lifecycleOf(records, 'start', result.processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycleOf(records, 'f1', result.processInstanceKey)).toEqual(['SEQUENCE_FLOW_TAKEN']);
    expect(lifecycleOf(records, 'end', result.processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(result.variables).toEqual({ x: 1 });
  });

  it('should create an instance of a specific version and by definition key', async () => {
    // given
    const v1 = await h.deploy('pi-versioned.bpmn', oneTaskProcess('pi-versioned', 'v1'));
    await h.deploy('pi-versioned.bpmn', oneTaskProcess('pi-versioned', 'v2'));
    // when
    const byVersion = await h.client.createProcessInstance({ bpmnProcessId: 'pi-versioned', version: 1, variables: {} });
    const latest = await h.client.createProcessInstance({ bpmnProcessId: 'pi-versioned', variables: {} });
    // then
    expect(byVersion.version).toBe(1);
    expect(byVersion.processDefinitionKey).toBe(v1);
    expect(latest.version).toBe(2);
  });

  it('should answer NOT_FOUND for an unknown process id in Zeebe wording', async () => {
    // when
    const error = await h.client.createProcessInstance({ bpmnProcessId: 'nope', variables: {} }).catch((e: Error) => e);
    // then
    expect((error as { code?: number }).code).toBe(5);
    expect((error as Error).message).toContain("Expected to find process definition with process ID 'nope', but none found");
  });

  it('should answer INVALID_ARGUMENT for variables that are not a JSON object', async () => {
    // when
    const error = await h.client.createProcessInstance({ bpmnProcessId: 'pi-empty', variables: [1, 2] as never }).catch((e: Error) => e);
    // then
    expect((error as { code?: number }).code).toBe(3);
  });

  it('should start at the elements given as start instructions', async () => {
    // when
    const created = await h.client.createProcessInstance({
      bpmnProcessId: 'pi-two',
      variables: {},
      startInstructions: [{ elementId: 'second' }],
    });
    const jobs = await h.client.activateJobs({ type: 'pi-second', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    // then
    expect(jobs[0]!.processInstanceKey).toBe(created.processInstanceKey);
    expect(lifecycleOf(h.records(), 'first', created.processInstanceKey)).toEqual([]);
    expect(lifecycleOf(h.records(), 'start', created.processInstanceKey)).toEqual([]);
    await h.client.completeJob({ jobKey: jobs[0]!.key, variables: {} });
  });

  it('should return only fetchVariables from CreateProcessInstanceWithResult', async () => {
    // when
    const result = await h.client.createProcessInstanceWithResult({ bpmnProcessId: 'pi-empty', variables: { keep: 1, drop: 2 }, fetchVariables: ['keep'] });
    // then
    expect(result.variables).toEqual({ keep: 1 });
  });

  it('should answer DEADLINE_EXCEEDED when the instance does not complete within requestTimeout', async () => {
    // when
    const started = Date.now();
    const error = await h.client
      .createProcessInstanceWithResult({ bpmnProcessId: 'pi-task', variables: {}, requestTimeout: 500 })
      .catch((e: Error) => e);
    // then
    expect((error as { code?: number }).code).toBe(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('should cancel an instance, terminating its elements and cancelling its job', async () => {
    // given
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'pi-two', variables: {} });
    await h.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === created.processInstanceKey);
    // when
    await h.client.cancelProcessInstance(created.processInstanceKey);
    // then
    await h.waitForRecord((r) => r.intent === 'ELEMENT_TERMINATED' && String(r.key) === created.processInstanceKey);
    const records = h.records();
    expect(lifecycleOf(records, 'first', created.processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(records, 'pi-two', created.processInstanceKey).slice(-2)).toEqual(['ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    const canceled = records.filter((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === created.processInstanceKey);
    expect(canceled).toHaveLength(1);
    const raw = rawClient(h.broker.address);
    const none = await activateAll(raw, { type: 'pi-first', worker: 'w', maxJobsToActivate: 5, timeout: 1000, requestTimeout: -1 });
    raw.close();
    expect(none.filter((j) => j.processInstanceKey === created.processInstanceKey)).toEqual([]);
  });

  it('should answer NOT_FOUND when cancelling an unknown instance', async () => {
    // when
    const error = await h.client.cancelProcessInstance('2251799813999998').catch((e: Error) => e);
    // then
    expect((error as { code?: number }).code).toBe(5);
    expect((error as Error).message).toContain("Expected to cancel a process instance with key '2251799813999998', but no such process was found");
  });
});
