/**
 * Message throw events through zeebe-node: in Zeebe an intermediate message throw event and a message
 * end event are job-based (zeebe:taskDefinition, like a send task). The job is created on activation,
 * its completion completes the event (the end event then ends its path), cancelling the instance
 * cancels the job; a missing task definition is rejected at deploy; replay equals live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOf, liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
import { end, flow, io, message, processXml, start, withRoots } from './support/event-bpmn.ts';
import { lifecycle, startEventsHarness, type EventsHarness } from './support/events-harness.ts';
import { itRejectsEach, type InvalidModel } from './support/invalid-models.ts';

/** A message throw event (intermediate or end) with a task definition, io mappings and headers. */
function messageThrow(tag: 'intermediateThrowEvent' | 'endEvent', id: string, type: string | undefined, extensions = ''): string {
  const definition = type ? `<zeebe:taskDefinition type="${type}" retries="2" />` : '';
  const ext = definition || extensions ? `<bpmn:extensionElements>${definition}${extensions}</bpmn:extensionElements>` : '';
  return `<bpmn:${tag} id="${id}">${ext}<bpmn:messageEventDefinition messageRef="notice" /></bpmn:${tag}>`;
}

const notify = withRoots(
  processXml(
    'mt-notify',
    [
      start(),
      messageThrow(
        'intermediateThrowEvent',
        'tell-applicant',
        'mt-sms',
        `${io([['=applicant', 'to']], [['=sent', 'smsSent']])}<zeebe:taskHeaders><zeebe:header key="template" value="accepted" /></zeebe:taskHeaders>`,
      ),
      messageThrow('endEvent', 'tell-office', 'mt-mail'),
      flow('f1', 'start', 'tell-applicant'),
      flow('f2', 'tell-applicant', 'tell-office'),
    ].join('\n'),
  ),
  [message('notice', 'notice')],
);

describe('message throw events', () => {
  let h: EventsHarness;

  beforeAll(async () => {
    h = await startEventsHarness();
    await h.deploy('mt-notify.bpmn', notify);
  });

  afterAll(async () => {
    await h.close();
  });

  it('should create a job for an intermediate message throw event and continue when the job completes', async () => {
    // given
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'mt-notify', variables: { applicant: '张三' } });
    // when
    const sms = await jobOf(h.client, 'mt-sms', created.processInstanceKey);
    // then the job carries the event's element, headers, retries and input mappings
    expect(sms).toMatchObject({ elementId: 'tell-applicant', retries: 2, customHeaders: { template: 'accepted' } });
    expect(sms.variables).toMatchObject({ to: '张三' });
    expect(lifecycle(h.records(), 'tell-applicant', created.processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    const activated = h.records().find((r) => r.intent === 'ELEMENT_ACTIVATED' && (r.value as { elementId: string }).elementId === 'tell-applicant')!;
    expect(activated.value).toMatchObject({ bpmnElementType: 'INTERMEDIATE_THROW_EVENT', bpmnEventType: 'MESSAGE' });
    // when the job completes
    await h.client.completeJob({ jobKey: sms.key, variables: { sent: true } });
    const mail = await jobOf(h.client, 'mt-mail', created.processInstanceKey);
    // then the event completed with its output mapping and the path went on to the message end event
    expect(lifecycle(h.records(), 'tell-applicant', created.processInstanceKey)).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(mail.variables).toMatchObject({ smsSent: true });
    expect(mail.elementId).toBe('tell-office');
    await h.client.completeJob({ jobKey: mail.key, variables: {} });
  });

  it('should end the path at a message end event once its job completes', async () => {
    // given
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'mt-notify', variables: { applicant: '李四' } });
    const sms = await jobOf(h.client, 'mt-sms', created.processInstanceKey);
    await h.client.completeJob({ jobKey: sms.key, variables: { sent: true } });
    const mail = await jobOf(h.client, 'mt-mail', created.processInstanceKey);
    expect(lifecycle(h.records(), 'mt-notify', created.processInstanceKey)).not.toContain('ELEMENT_COMPLETED');
    // when
    await h.client.completeJob({ jobKey: mail.key, variables: {} });
    // then
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === created.processInstanceKey);
    expect(lifecycle(h.records(), 'tell-office', created.processInstanceKey)).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
  });

  it('should cancel the job of a message throw event when the instance is cancelled', async () => {
    // given
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'mt-notify', variables: { applicant: '王五' } });
    const sms = await jobOf(h.client, 'mt-sms', created.processInstanceKey);
    // when
    await h.client.cancelProcessInstance(created.processInstanceKey);
    // then
    const canceled = await h.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && String(r.key) === sms.key);
    expect(canceled.value).toMatchObject({ elementId: 'tell-applicant' });
    expect(lifecycle(h.records(), 'tell-applicant', created.processInstanceKey).slice(-2)).toEqual(['ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
  });

  it('should raise an incident when the job type cannot be evaluated', async () => {
    // given
    const xml = withRoots(
      processXml('mt-feel', [start(), messageThrow('endEvent', 'tell', '=channel + &quot;-send&quot;'), flow('f1', 'start', 'tell')].join('\n')),
      [message('notice', 'notice')],
    );
    await h.deploy('mt-feel.bpmn', xml);
    // when
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'mt-feel', variables: {} });
    // then
    const incident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === created.processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'tell' });
    await h.client.cancelProcessInstance(created.processInstanceKey);
  });
});

const INVALID: readonly InvalidModel[] = [
  {
    name: 'an intermediate message throw event without a task definition',
    xml: withRoots(processXml('mt-bare', [start(), messageThrow('intermediateThrowEvent', 'tell', undefined), end(), flow('f1', 'start', 'tell'), flow('f2', 'tell', 'end')].join('\n')), [message('notice', 'notice')]),
    elementId: 'tell',
    text: "Must have exactly one 'zeebe:taskDefinition' extension element",
  },
  {
    name: 'a message end event without a task definition',
    xml: withRoots(processXml('mt-bare-end', [start(), messageThrow('endEvent', 'tell', undefined), flow('f1', 'start', 'tell')].join('\n')), [message('notice', 'notice')]),
    elementId: 'tell',
    text: "Must have exactly one 'zeebe:taskDefinition' extension element",
  },
  {
    name: 'a message end event with an empty job type',
    xml: processXml(
      'mt-empty',
      [start(), '<bpmn:endEvent id="tell"><bpmn:extensionElements><zeebe:taskDefinition type="" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:endEvent>', flow('f1', 'start', 'tell')].join('\n'),
    ),
    elementId: 'tell',
    text: "Attribute 'type' must be present and not empty",
  },
];

describe('deploy validation of message throw events', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  itRejectsEach(() => h, INVALID);

  it('should accept a message throw event with a task definition and no message reference, as Zeebe does', async () => {
    // given
    const xml = processXml(
      'mt-no-ref',
      [start(), '<bpmn:endEvent id="tell"><bpmn:extensionElements><zeebe:taskDefinition type="mt-x" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:endEvent>', flow('f1', 'start', 'tell')].join('\n'),
    );
    // when / then
    await expect(h.deploy('mt-no-ref.bpmn', xml)).resolves.toBeDefined();
  });
});

describe('message throw events in the log', () => {
  const startEngine = liveEngines('streetflow-message-throw-replay-');

  it('should replay message throw jobs into exactly the live state', async () => {
    // given
    const run = await startEngine();
    await run.client.deployResource({ name: 'mt-notify.bpmn', process: Buffer.from(notify) });
    const first = await run.client.createProcessInstance({ bpmnProcessId: 'mt-notify', variables: { applicant: 'a' } });
    await run.client.createProcessInstance({ bpmnProcessId: 'mt-notify', variables: { applicant: 'b' } });
    const sms = await jobOf(run.client, 'mt-sms', first.processInstanceKey);
    await run.client.completeJob({ jobKey: sms.key, variables: { sent: true } });
    await jobOf(run.client, 'mt-mail', first.processInstanceKey);
    // when
    const { live, liveKey, replayed } = await replayFromLog(run);
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    await replayed.stop();
  });
});
