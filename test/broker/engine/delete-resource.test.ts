/**
 * DeleteResource (zeebe-node 8.3 does not expose it: a raw grpc-js client calls it; everything else
 * goes through zeebe-node): process definitions and forms are deleted by key with Zeebe's records,
 * unknown keys are NOT_FOUND, the previous version becomes the latest again (with its start events),
 * a definition with running instances is not deleted (Zeebe 8.x's documented limitation), and the
 * log replays to the live state.
 */
import type { ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedRecord } from '../../../engine/broker/index.ts';
import { end, flow, processXml, serviceTask, start } from './support/bpmn-builder.ts';
import { jobOf, liveEngines, replayFromLog } from './support/engine-harness.ts';
import { rawClient, unary, type RawGatewayClient } from './support/raw-gateway-client.ts';
import { startEventsHarness, HOUR, type EventsHarness } from '../events/support/events-harness.ts';
import { message, messageDef, timerDef, withRoots } from '../events/support/event-bpmn.ts';

/** start → task(type) → end, with a task id that differs per version so each deploy is a new version. */
function taskProcess(id: string, task: string, type = `${id}-work`): string {
  return processXml(id, [start(), serviceTask(task, type), end(), flow('f1', 'start', task), flow('f2', task, 'end')].join('\n'));
}

/** A version with a timer start event (cycle every hour) and a none start event. */
function timerStartProcess(id: string, task: string): string {
  return processXml(
    id,
    [
      `<bpmn:startEvent id="tick">${timerDef('timeCycle', 'R/PT1H')}</bpmn:startEvent>`,
      start(),
      serviceTask(task, `${id}-work`),
      end(),
      flow('f0', 'tick', task),
      flow('f1', 'start', task),
      flow('f2', task, 'end'),
    ].join('\n'),
  );
}

/** A version with a message start event (and a none start event); the end event's id tells versions apart. */
function messageStartProcess(id: string, messageName: string, endId = 'end'): string {
  return withRoots(
    processXml(id, [`<bpmn:startEvent id="byMessage">${messageDef('msg')}</bpmn:startEvent>`, start(), end(endId), flow('f0', 'byMessage', endId), flow('f1', 'start', endId)].join('\n')),
    [message('msg', messageName)],
  );
}

/** A key field of a record value, as the string zeebe-node hands out. */
const keyOf = (record: ExportedRecord, field: string): string => String((record.value as unknown as Record<string, unknown>)[field]);

const reviewForm = (label: string) => JSON.stringify({ id: 'dr-form', type: 'default', components: [{ key: 'opinion', type: 'textfield', label }] });

const formProcess = processXml(
  'dr-user',
  [
    start(),
    `<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:formDefinition formId="dr-form" /></bpmn:extensionElements></bpmn:userTask>`,
    end(),
    flow('f0', 'start', 'review'),
    flow('f1', 'review', 'end'),
  ].join('\n'),
);

describe('DeleteResource', () => {
  let h: EventsHarness;
  let raw: RawGatewayClient;

  beforeAll(async () => {
    h = await startEventsHarness();
    raw = rawClient(h.broker.address);
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  const deleteResource = (resourceKey: string) => unary(raw, 'DeleteResource', { resourceKey });

  it('should delete a process definition without running instances and write Zeebe\'s records', async () => {
    // given
    const key = await h.deploy('dr-a.bpmn', taskProcess('dr-a', 'first'));
    // when
    await deleteResource(key);
    // then
    const records = h.records().filter((r) => r.valueType === 'RESOURCE_DELETION' || (r.valueType === 'PROCESS' && r.intent !== 'CREATED'));
    expect(records.map((r) => `${r.valueType} ${r.recordType} ${r.intent}`)).toEqual([
      'RESOURCE_DELETION COMMAND DELETE',
      'RESOURCE_DELETION EVENT DELETING',
      'PROCESS EVENT DELETING',
      'PROCESS EVENT DELETED',
      'RESOURCE_DELETION EVENT DELETED',
    ]);
    expect(records[1]!.value).toMatchObject({ resourceKey: Number(key) });
    expect(records[3]!.value).toMatchObject({ bpmnProcessId: 'dr-a', version: 1, processDefinitionKey: Number(key), resource: '' });
  });

  it('should reject creating an instance of a deleted process definition with NOT_FOUND', async () => {
    // given
    const key = await h.deploy('dr-b.bpmn', taskProcess('dr-b', 'first'));
    await deleteResource(key);
    // when (zeebe-node 8.3 creates by process id only; by key through the raw client)
    const byKey = unary(raw, 'CreateProcessInstance', { processDefinitionKey: key, variables: '{}' });
    await expect(byKey).rejects.toMatchObject({ code: 5 });
    const byId = h.client.createProcessInstance({ bpmnProcessId: 'dr-b', variables: {} });
    // then
    await expect(byId).rejects.toThrow(/NOT_FOUND/);
  });

  it('should answer NOT_FOUND for a key that is no deployed resource', async () => {
    // given
    const unknown = String(2 ** 51 + 987_654);
    // when
    const deletion = deleteResource(unknown);
    // then
    await expect(deletion).rejects.toMatchObject({
      code: 5,
      details: `Command 'DELETE' rejected with code 'NOT_FOUND': Expected to delete resource but no resource found with key \`${unknown}\``,
    });
  });

  it('should make the previous version the latest again when the latest is deleted, and never reuse its number', async () => {
    // given
    const v1 = await h.deploy('dr-c.bpmn', taskProcess('dr-c', 'first'));
    const v2 = await h.deploy('dr-c.bpmn', taskProcess('dr-c', 'second'));
    // when
    await deleteResource(v2);
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'dr-c', variables: {} });
    const redeployed = await h.client.deployResource({ name: 'dr-c.bpmn', process: Buffer.from(taskProcess('dr-c', 'second')) });
    // then
    expect(created.processDefinitionKey).toBe(v1);
    expect(created.version).toBe(1);
    expect(redeployed.deployments[0]!.process.version).toBe(3);
    await h.client.cancelProcessInstance(created.processInstanceKey);
  });

  it('should reject deleting a process definition with running instances, and delete it once they ended', async () => {
    // given
    const key = await h.deploy('dr-d.bpmn', taskProcess('dr-d', 'first'));
    const running = await h.client.createProcessInstance({ bpmnProcessId: 'dr-d', variables: {} });
    // when
    const refused = deleteResource(key);
    // then
    await expect(refused).rejects.toMatchObject({
      code: 9,
      details: `Command 'DELETE' rejected with code 'INVALID_STATE': Expected to delete resource with key \`${key}\` but there are still running instances`,
    });
    const job = await jobOf(h.client, 'dr-d-work', running.processInstanceKey);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === running.processInstanceKey);
    await deleteResource(key);
    expect(h.recordsOf('PROCESS', 'DELETED').some((r) => keyOf(r, 'processDefinitionKey') === key)).toBe(true);
  });

  it('should reopen the timer start event of the previous version when the latest is deleted', async () => {
    // given version 1 with a timer start event, replaced by version 2 without one
    const v1 = await h.deploy('dr-e.bpmn', timerStartProcess('dr-e', 'first'));
    const v2 = await h.deploy('dr-e.bpmn', taskProcess('dr-e', 'second'));
    const timersOf = (key: string, intent: string) => h.recordsOf('TIMER', intent).filter((r) => keyOf(r, 'processDefinitionKey') === key);
    expect(timersOf(v1, 'CANCELED')).toHaveLength(1);
    // when
    await deleteResource(v2);
    await h.advance(HOUR);
    // then a new timer of version 1 opened and fired: an instance of version 1 started at the timer start event
    expect(timersOf(v1, 'CREATED').length).toBeGreaterThanOrEqual(2);
    const started = await h.waitForRecord(
      (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && (r.value as { elementId: string }).elementId === 'tick',
    );
    expect(String((started.value as { processDefinitionKey: number }).processDefinitionKey)).toBe(v1);
  });

  it('should cancel the timer start event of a deleted only version, so it no longer starts instances', async () => {
    // given
    const only = await h.deploy('dr-g.bpmn', timerStartProcess('dr-g', 'first'));
    const timer = h.recordsOf('TIMER', 'CREATED').find((r) => keyOf(r, 'processDefinitionKey') === only)!;
    // when
    await deleteResource(only);
    await h.advance(2 * HOUR);
    // then
    expect(h.recordsOf('TIMER', 'CANCELED').map((r) => r.key)).toContain(timer.key);
    expect(h.recordsOf('TIMER', 'TRIGGERED').some((r) => keyOf(r, 'processDefinitionKey') === only)).toBe(false);
    expect(h.records().some((r) => r.valueType === 'PROCESS_INSTANCE' && (r.value as { bpmnProcessId: string }).bpmnProcessId === 'dr-g')).toBe(false);
  });

  it('should close the start events of a deleted latest version and reopen the message start event of the previous one', async () => {
    // given
    const v1 = await h.deploy('dr-f.bpmn', messageStartProcess('dr-f', 'dr-f-go'));
    const v2 = await h.deploy('dr-f.bpmn', messageStartProcess('dr-f', 'dr-f-go', 'done'));
    // when
    await deleteResource(v2);
    await h.client.publishMessage({ name: 'dr-f-go', correlationKey: '', variables: {}, timeToLive: 0 });
    // then
    const subscriptions = h.recordsOf('MESSAGE_START_EVENT_SUBSCRIPTION');
    const of = (key: string) => subscriptions.filter((r) => keyOf(r, 'processDefinitionKey') === key).map((r) => r.intent);
    expect(of(v1)).toEqual(['CREATED', 'DELETED', 'CREATED', 'CORRELATED']);
    expect(of(v2)).toEqual(['CREATED', 'DELETED']);
  });

  it('should delete a form, so that linked user tasks resolve the previous form version', async () => {
    // given
    const first = await h.client.deployResource({ name: 'dr-form.form', form: Buffer.from(reviewForm('意见')) });
    const second = await h.client.deployResource({ name: 'dr-form.form', form: Buffer.from(reviewForm('审核意见')) });
    const formKey = (deployed: typeof first) => (deployed.deployments[0] as unknown as { form: { formKey: string } }).form.formKey;
    await h.deploy('dr-user.bpmn', formProcess);
    // when
    await deleteResource(formKey(second));
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'dr-user', variables: {} });
    const job = await jobOf(h.client, 'io.camunda.zeebe:userTask', created.processInstanceKey);
    // then
    expect(job.customHeaders['io.camunda.zeebe:formKey']).toBe(formKey(first));
    const deleted = h.recordsOf('FORM', 'DELETED');
    expect(deleted.map((r) => keyOf(r, 'formKey'))).toEqual([formKey(second)]);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    await expect(deleteResource(formKey(second))).rejects.toMatchObject({ code: 5 });
  });
});

describe('DeleteResource in the log', () => {
  const startEngine = liveEngines('streetflow-delete-resource-replay-');

  it('should replay deletions into exactly the live state', async () => {
    // given a broker that deleted a latest version, an older version and a form
    const run = await startEngine();
    const raw = rawClient(run.address);
    const deploy = async (xml: string) => (await run.client.deployResource({ name: 'dr-r.bpmn', process: Buffer.from(xml) })).deployments[0]!.process.processDefinitionKey;
    const v1 = await deploy(timerStartProcess('dr-r', 'first'));
    await deploy(taskProcess('dr-r', 'second'));
    const v3 = await deploy(taskProcess('dr-r', 'third'));
    const form = await run.client.deployResource({ name: 'dr-form.form', form: Buffer.from(reviewForm('意见')) });
    await unary(raw, 'DeleteResource', { resourceKey: v3 });
    await unary(raw, 'DeleteResource', { resourceKey: v1 });
    await unary(raw, 'DeleteResource', { resourceKey: (form.deployments[0] as unknown as { form: { formKey: string } }).form.formKey });
    const created = await run.client.createProcessInstance({ bpmnProcessId: 'dr-r', variables: {} });
    await unary(raw, 'DeleteResource', { resourceKey: created.processDefinitionKey }).catch((err: ServiceError) => expect(err.code).toBe(9));
    raw.close();
    // when
    const { live, liveKey, replayed } = await replayFromLog(run);
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    expect(replayed.state.deployments.latestProcess('dr-r')?.version).toBe(2);
    expect(replayed.state.deployments.highestProcessVersion('dr-r')).toBe(3);
    await replayed.stop();
  });
});
