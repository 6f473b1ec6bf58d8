import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, catchEvent, end, flow, message, messageDef, processXml, serviceTask, start, withRoots } from './support/event-bpmn.ts';
import { completed, lifecycle, MINUTE, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

const catchProcess = (id: string, name: string): string =>
  withRoots(
    processXml(id, [start(), catchEvent('wait', messageDef(`${id}-msg`)), end(), flow('f1', 'start', 'wait'), flow('f2', 'wait', 'end')].join('\n')),
    [message(`${id}-msg`, name, '=orderId')],
  );

const taskWithMessage = (id: string, name: string, interrupting: boolean): string =>
  withRoots(
    processXml(
      id,
      [
        start(),
        serviceTask('task', `${id}-work`),
        boundary('cancelled', 'task', messageDef(`${id}-msg`), interrupting),
        end(),
        '<bpmn:endEvent id="onMessage" />',
        flow('f1', 'start', 'task'),
        flow('f2', 'task', 'end'),
        flow('f3', 'cancelled', 'onMessage'),
      ].join('\n'),
    ),
    [message(`${id}-msg`, name, '=orderId')],
  );

describe('message events', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should correlate a message published after the subscription opened and merge its variables', async () => {
    // given
    await h.deploy('msg-after.bpmn', catchProcess('msg-after', 'paid'));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'msg-after', variables: { orderId: 'o-1' } });
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', processInstanceKey)).toHaveLength(1);
    // when
    await h.client.publishMessage({ name: 'paid', correlationKey: 'o-1', variables: { amount: 42 }, timeToLive: 0 });
    // then
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'msg-after');
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', processInstanceKey)).toHaveLength(1);
    expect(h.recordsOf('MESSAGE_SUBSCRIPTION', 'CORRELATED', processInstanceKey)).toHaveLength(1);
    const amount = h.recordsOf('VARIABLE', 'CREATED', processInstanceKey).find((r) => (r.value as { name: string }).name === 'amount');
    expect((amount!.value as { value: string }).value).toBe('42');
  });

  it('should not correlate a message with another correlation key', async () => {
    // given
    await h.deploy('msg-other.bpmn', catchProcess('msg-other', 'shipped'));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'msg-other', variables: { orderId: 'o-2' } });
    // when
    await h.client.publishMessage({ name: 'shipped', correlationKey: 'o-3', variables: {}, timeToLive: 60_000 });
    // then
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', processInstanceKey)).toHaveLength(0);
    expect(lifecycle(h.records(), 'wait', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
  });

  it('should correlate a buffered message to a subscription opened within its time to live', async () => {
    // given
    await h.deploy('msg-before.bpmn', catchProcess('msg-before', 'signed'));
    await h.client.publishMessage({ name: 'signed', correlationKey: 'o-4', variables: { by: '张三' }, timeToLive: 10 * MINUTE });
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'msg-before', variables: { orderId: 'o-4' } });
    // then
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey && (r.value as { elementId: string }).elementId === 'msg-before');
    // and a second instance does not get the same message again
    const second = await h.client.createProcessInstance({ bpmnProcessId: 'msg-before', variables: { orderId: 'o-4' } });
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', second.processInstanceKey)).toHaveLength(0);
  });

  it('should not correlate a buffered message once its time to live expired', async () => {
    // given
    await h.deploy('msg-ttl.bpmn', catchProcess('msg-ttl', 'approved'));
    const published = await h.client.publishMessage({ name: 'approved', correlationKey: 'o-5', variables: {}, timeToLive: 5 * MINUTE });
    // when
    await h.advance(6 * MINUTE);
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'msg-ttl', variables: { orderId: 'o-5' } });
    // then
    const expired = h.recordsOf('MESSAGE', 'EXPIRED').map((r) => String(r.key));
    expect(expired).toContain(String(published.key));
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', processInstanceKey)).toHaveLength(0);
  });

  it('should reject a second message with the same id while the first is alive (ALREADY_EXISTS)', async () => {
    // given
    await h.client.publishMessage({ name: 'dedup', correlationKey: 'k', messageId: 'm-1', variables: {}, timeToLive: 10 * MINUTE });
    // when
    const second = h.client.publishMessage({ name: 'dedup', correlationKey: 'k', messageId: 'm-1', variables: {}, timeToLive: 10 * MINUTE });
    // then
    await expect(second).rejects.toThrow(/ALREADY_EXISTS|6 ALREADY_EXISTS|already published/);
    // and after expiry the id can be used again
    await h.advance(11 * MINUTE);
    await expect(h.client.publishMessage({ name: 'dedup', correlationKey: 'k', messageId: 'm-1', variables: {}, timeToLive: 0 })).resolves.toBeDefined();
  });

  it('should complete a receive task when its message arrives', async () => {
    // given
    const xml = withRoots(
      processXml('receive', [start(), '<bpmn:receiveTask id="receiveReply" messageRef="receive-msg" />', end(), flow('f1', 'start', 'receiveReply'), flow('f2', 'receiveReply', 'end')].join('\n')),
      [message('receive-msg', 'reply', '=caseId')],
    );
    await h.deploy('receive.bpmn', xml);
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'receive', variables: { caseId: 17 } });
    // when the correlation key is the number's text
    await h.client.publishMessage({ name: 'reply', correlationKey: '17', variables: {}, timeToLive: 0 });
    // then
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'receive');
    expect(lifecycle(h.records(), 'receiveReply', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(completed(h.records(), 'receive', processInstanceKey)).toBe(true);
  });

  it('should terminate the task when an interrupting message boundary event correlates', async () => {
    // given
    await h.deploy('msg-int.bpmn', taskWithMessage('msg-int', 'withdrawn', true));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'msg-int', variables: { orderId: 'w-1' } });
    // when
    await h.client.publishMessage({ name: 'withdrawn', correlationKey: 'w-1', variables: { reason: '撤回' }, timeToLive: 0 });
    // then
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'msg-int');
    expect(lifecycle(h.records(), 'task', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(h.records(), 'onMessage', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(h.recordsOf('JOB', 'CANCELED', processInstanceKey)).toHaveLength(1);
  });

  it('should keep the task active when a non-interrupting message boundary event correlates', async () => {
    // given
    await h.deploy('msg-non.bpmn', taskWithMessage('msg-non', 'reminded', false));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'msg-non', variables: { orderId: 'r-1' } });
    // when
    await h.client.publishMessage({ name: 'reminded', correlationKey: 'r-1', variables: {}, timeToLive: 0 });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'onMessage' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
    // then
    expect(lifecycle(h.records(), 'task', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    const [job] = await h.client.activateJobs({ type: 'msg-non-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 1_000 });
    await h.client.completeJob({ jobKey: job!.key, variables: {} });
    expect(completed(h.records(), 'msg-non', processInstanceKey)).toBe(true);
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', processInstanceKey)).toHaveLength(1);
  });

  it('should start one instance per correlation key from a message start event', async () => {
    // given
    const xml = withRoots(
      processXml('msg-start', [`<bpmn:startEvent id="received">${messageDef('apply-msg')}</bpmn:startEvent>`, serviceTask('review', 'msg-start-review'), end(), flow('f1', 'received', 'review'), flow('f2', 'review', 'end')].join('\n')),
      [message('apply-msg', 'application')],
    );
    await h.deploy('msg-start.bpmn', xml);
    expect(h.recordsOf('MESSAGE_START_EVENT_SUBSCRIPTION', 'CREATED')).toHaveLength(1);
    // when
    await h.client.publishMessage({ name: 'application', correlationKey: 'applicant-1', variables: { applicant: '李四' }, timeToLive: 0 });
    await h.client.publishMessage({ name: 'application', correlationKey: 'applicant-1', variables: {}, timeToLive: 0 });
    await h.client.publishMessage({ name: 'application', correlationKey: 'applicant-2', variables: {}, timeToLive: 0 });
    // then
    const correlated = h.recordsOf('MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED');
    expect(correlated.map((r) => (r.value as { correlationKey: string }).correlationKey)).toEqual(['applicant-1', 'applicant-2']);
    const first = String((correlated[0]!.value as { processInstanceKey: number }).processInstanceKey);
    const applicant = h.recordsOf('VARIABLE', 'CREATED', first).find((r) => (r.value as { name: string }).name === 'applicant');
    expect((applicant!.value as { value: string }).value).toBe('"李四"');
    expect(lifecycle(h.records(), 'review', first)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
  });

  it('should correlate a message to a subscription that was pending across a restart', async () => {
    // given
    await h.deploy('msg-restart.bpmn', catchProcess('msg-restart', 'returned'));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'msg-restart', variables: { orderId: 'x-1' } });
    // when
    await h.restart({ clockStartTime: h.broker.clock.now() });
    await h.client.publishMessage({ name: 'returned', correlationKey: 'x-1', variables: {}, timeToLive: 0 });
    // then
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'msg-restart' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
  });

  it('should raise an incident when the correlation key cannot be evaluated', async () => {
    // given
    await h.deploy('msg-nokey.bpmn', catchProcess('msg-nokey', 'nokey'));
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'msg-nokey', variables: { orderId: { nested: true } } });
    // then
    const incident = h.recordsOf('INCIDENT', 'CREATED', processInstanceKey)[0]!;
    expect((incident.value as { errorMessage: string }).errorMessage).toContain('Failed to extract the correlation key');
  });
});
