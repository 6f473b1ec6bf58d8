/**
 * Message start events and buffered messages through zeebe-node (Zeebe's message events page): a
 * message published before the process was deployed starts nothing; with a correlation key only one
 * instance per key runs at a time — a further message for that key stays buffered and starts the
 * next instance once the running one completes or is terminated (oldest first, within its time to
 * live; a message without time to live is not buffered); replay rebuilds the same state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedRecord } from '../../../engine/broker/index.ts';
import { jobOf, liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
import { end, flow, message, messageDef, processXml, serviceTask, withRoots } from './support/event-bpmn.ts';
import { HOUR, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

/** A message start event (message `name`) → one service task → end. */
function startedBy(id: string, name: string): string {
  return withRoots(
    processXml(id, [`<bpmn:startEvent id="applied">${messageDef('m')}</bpmn:startEvent>`, serviceTask('handle', `${id}-handle`), end(), flow('f1', 'applied', 'handle'), flow('f2', 'handle', 'end')].join('\n')),
    [message('m', name)],
  );
}

/** Keys (as text) of the instances of a process, in creation order. */
function instancesOf(records: ExportedRecord[], processId: string): string[] {
  return records
    .filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && (r.value as { bpmnElementType: string; bpmnProcessId: string }).bpmnElementType === 'PROCESS' && (r.value as { bpmnProcessId: string }).bpmnProcessId === processId)
    .map((r) => String(r.key));
}

describe('message start events and buffered messages', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const publish = (name: string, correlationKey: string, variables: Record<string, unknown>, timeToLive = HOUR) =>
    h.client.publishMessage({ name, correlationKey, variables, timeToLive });

  it('should not start an instance for a message published before the process was deployed', async () => {
    // given a message buffered for an hour
    await publish('msb-early', 'E-1', { early: true });
    // when the process with that message start event is deployed afterwards
    await h.deploy('msb-early.bpmn', startedBy('msb-early', 'msb-early'));
    // then nothing started; a message published now does start an instance
    expect(instancesOf(h.records(), 'msb-early')).toEqual([]);
    await publish('msb-early', 'E-2', { early: false });
    const job = await jobOf(h.client, 'msb-early-handle');
    expect(job.variables).toEqual({ early: false });
    expect(instancesOf(h.records(), 'msb-early')).toHaveLength(1);
  });

  it('should start an instance by message when the message of the start event also declares a subscription correlation key (ignored for start events)', async () => {
    // given a message start event whose message has a correlation key expression (a message shared with catch events, as modelers reuse it)
    const xml = withRoots(
      processXml('msb-keyed', [`<bpmn:startEvent id="applied">${messageDef('m')}</bpmn:startEvent>`, serviceTask('handle', 'msb-keyed-handle'), end(), flow('f1', 'applied', 'handle'), flow('f2', 'handle', 'end')].join('\n')),
      [message('m', 'msb-keyed', '=caseNo')],
    );
    await h.deploy('msb-keyed.bpmn', xml);
    // when a message of that name is published
    await publish('msb-keyed', 'KEYED-1', { caseNo: 'KEYED-1' });
    // then it started an instance (the deployment opened the start subscription)
    expect(instancesOf(h.records(), 'msb-keyed')).toHaveLength(1);
    const job = await jobOf(h.client, 'msb-keyed-handle');
    expect(job.variables).toEqual({ caseNo: 'KEYED-1' });
  });

  it('should buffer a second message with the same correlation key while the first instance runs and start the next instance when it completes', async () => {
    // given an application instance started for case K-1
    await h.deploy('msb-one.bpmn', startedBy('msb-one', 'msb-apply'));
    await publish('msb-apply', 'K-1', { attempt: 1 });
    const [first] = instancesOf(h.records(), 'msb-one');
    // when a second application for K-1 arrives while the first is handled
    await publish('msb-apply', 'K-1', { attempt: 2 });
    // then no second instance yet
    expect(instancesOf(h.records(), 'msb-one')).toEqual([first]);
    // when the first instance completes
    const job = await jobOf(h.client, 'msb-one-handle', first);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    // then the buffered message starts the next instance with its variables
    const instances = instancesOf(h.records(), 'msb-one');
    expect(instances).toHaveLength(2);
    const next = await jobOf(h.client, 'msb-one-handle', instances[1]);
    expect(next.variables).toEqual({ attempt: 2 });
    await h.client.completeJob({ jobKey: next.key, variables: {} });
    expect(instancesOf(h.records(), 'msb-one')).toHaveLength(2);
  });

  it('should start the next instance from a buffered message when the running one is canceled', async () => {
    // given
    await h.deploy('msb-cancel.bpmn', startedBy('msb-cancel', 'msb-cancel'));
    await publish('msb-cancel', 'C-1', { attempt: 1 });
    await publish('msb-cancel', 'C-1', { attempt: 2 });
    const [first] = instancesOf(h.records(), 'msb-cancel');
    // when
    await h.client.cancelProcessInstance(first!);
    // then
    const instances = instancesOf(h.records(), 'msb-cancel');
    expect(instances).toHaveLength(2);
    expect((await jobOf(h.client, 'msb-cancel-handle', instances[1])).variables).toEqual({ attempt: 2 });
  });

  it('should start one instance per buffered message in publish order, each after the previous one ended', async () => {
    // given three messages for the same key
    await h.deploy('msb-queue.bpmn', startedBy('msb-queue', 'msb-queue'));
    for (const attempt of [1, 2, 3]) await publish('msb-queue', 'Q-1', { attempt });
    // when each instance is completed in turn
    const seen: unknown[] = [];
    for (let round = 0; round < 3; round++) {
      const instances = instancesOf(h.records(), 'msb-queue');
      expect(instances).toHaveLength(round + 1);
      const job = await jobOf(h.client, 'msb-queue-handle', instances[round]);
      seen.push(job.variables.attempt);
      await h.client.completeJob({ jobKey: job.key, variables: {} });
    }
    // then
    expect(seen).toEqual([1, 2, 3]);
    expect(instancesOf(h.records(), 'msb-queue')).toHaveLength(3);
  });

  it('should not start the next instance from a buffered message whose time to live ran out', async () => {
    // given
    await h.deploy('msb-ttl.bpmn', startedBy('msb-ttl', 'msb-ttl'));
    await publish('msb-ttl', 'T-1', { attempt: 1 });
    await publish('msb-ttl', 'T-1', { attempt: 2 }, HOUR);
    const [first] = instancesOf(h.records(), 'msb-ttl');
    // when the second message expires before the first instance ends
    await h.advance(2 * HOUR);
    const job = await jobOf(h.client, 'msb-ttl-handle', first);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    // then
    expect(instancesOf(h.records(), 'msb-ttl')).toEqual([first]);
  });

  it('should drop a second message without time to live for a running key: it expires at once and starts nothing later', async () => {
    // given
    await h.deploy('msb-zero.bpmn', startedBy('msb-zero', 'msb-zero'));
    await publish('msb-zero', 'Z-1', { attempt: 1 }, 0);
    const [first] = instancesOf(h.records(), 'msb-zero');
    // when a second message for Z-1 without time to live arrives
    const second = await publish('msb-zero', 'Z-1', { attempt: 2 }, 0);
    // then it is expired at once, without the clock moving
    expect(h.recordsOf('MESSAGE', 'EXPIRED').map((r) => String(r.key))).toContain(String(second.key));
    // and the end of the first instance starts nothing
    const job = await jobOf(h.client, 'msb-zero-handle', first);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    expect(instancesOf(h.records(), 'msb-zero')).toEqual([first]);
  });

  it('should start instances at once for other correlation keys and for messages without a correlation key', async () => {
    // given an instance running for key A
    await h.deploy('msb-keys.bpmn', startedBy('msb-keys', 'msb-keys'));
    await publish('msb-keys', 'A', { who: 'a' });
    // when messages for key B and two without a key arrive
    await publish('msb-keys', 'B', { who: 'b' });
    await publish('msb-keys', '', { who: 'x' });
    await publish('msb-keys', '', { who: 'y' });
    // then each started an instance
    expect(instancesOf(h.records(), 'msb-keys')).toHaveLength(4);
  });
});

describe('replay with buffered message start events', () => {
  const startEngine = liveEngines('streetflow-replay-message-start-');

  it('should rebuild exactly the live state from the log after buffered messages started later instances', async () => {
    // given
    const run = await startEngine({ controllableClock: true });
    const { client } = run;
    await client.deployResource({ name: 'rmsb.bpmn', process: Buffer.from(startedBy('rmsb', 'rmsb-apply')) });
    for (const attempt of [1, 2, 3]) await client.publishMessage({ name: 'rmsb-apply', correlationKey: 'R-1', variables: { attempt }, timeToLive: HOUR });
    for (let round = 0; round < 2; round++) {
      const job = await jobOf(client, 'rmsb-handle');
      await client.completeJob({ jobKey: job.key, variables: {} });
    }
    // a second key whose only instance ends: it must not be held any longer
    await client.publishMessage({ name: 'rmsb-apply', correlationKey: 'R-2', variables: {}, timeToLive: HOUR });
    const other = await jobOf(client, 'rmsb-handle');
    await client.completeJob({ jobKey: other.key, variables: {} });
    // when
    const { live, liveKey, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    // then only the instance still running (the third one of R-1) holds its key
    const held = (live as { events: { startedBy: unknown[]; startCorrelations: unknown[] } }).events;
    expect(held.startedBy).toHaveLength(1);
    expect(held.startCorrelations).toHaveLength(1);
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    await replayed.stop();
  });
});
