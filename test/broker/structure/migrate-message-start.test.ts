/**
 * MigrateProcessInstance and message start events (one instance per correlation key): an instance
 * started by a keyed message cannot move to a process that already runs an instance for that key
 * (Zeebe's rejection), and once moved it holds the key in the target process and frees it in the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOf, lifecycleOf, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { rawClient, type RawGatewayClient } from '../engine/support/raw-gateway-client.ts';
import { end, flow, message, processXml, serviceTask, withRoots } from '../events/support/event-bpmn.ts';
import { migrate } from './support/migration-support.ts';

/** A process started by a message, then one task. */
const messageStarted = (id: string, messageName: string) =>
  withRoots(
    processXml(
      id,
      [`<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>`, serviceTask('work', `${id}-work`), end(), flow('f1', 'start', 'work'), flow('f2', 'work', 'end')].join('\n'),
    ),
    [message('m', messageName)],
  );

describe('MigrateProcessInstance of message-started instances', () => {
  let h: EngineHarness;
  let raw: RawGatewayClient;
  let bKey: string;

  beforeAll(async () => {
    h = await startHarness();
    raw = rawClient(h.broker.address);
    await h.deploy('msk-a.bpmn', messageStarted('msk-a', 'msk-apply'));
    bKey = await h.deploy('msk-b.bpmn', messageStarted('msk-b', 'msk-apply-b'));
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  /** Keys of the process instances of a process started so far, in order. */
  const instancesOf = (processId: string): string[] =>
    h
      .records()
      .filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && (r.value as { elementId: string }).elementId === processId)
      .map((r) => String(r.key));

  const publish = (name: string, correlationKey: string) => h.client.publishMessage({ name, correlationKey, variables: {}, timeToLive: 60_000 });

  it('should reject moving to a process whose instance for the same correlation key is active', async () => {
    // given an application K1 in process a and one for K1 in process b
    await publish('msk-apply', 'K1');
    await publish('msk-apply-b', 'K1');
    await h.waitForRecord(() => instancesOf('msk-a').length === 1 && instancesOf('msk-b').length === 1);
    const [a1] = instancesOf('msk-a');
    // when / then
    await expect(migrate(raw, a1!, bKey, [['work', 'work']])).rejects.toMatchObject({
      code: 9,
      details: `Command 'MIGRATE' rejected with code 'INVALID_STATE': Expected to migrate process instance '${a1}' but target process definition '${bKey}' has an active instance triggered by a message start event with correlation key 'K1'. Only one instance per correlation key is allowed for message start events.`,
    });
  });

  it('should hold the correlation key in the target process after the move and free it in the source', async () => {
    // given an application K2 of process a moved to process b
    await publish('msk-apply', 'K2');
    await h.waitForRecord(() => instancesOf('msk-a').length === 2);
    const a2 = instancesOf('msk-a')[1]!;
    await migrate(raw, a2, bKey, [['work', 'work']]);
    // when K2 arrives again for both processes
    await publish('msk-apply', 'K2');
    await publish('msk-apply-b', 'K2');
    // then process a starts a new instance (the key is free there), process b buffers its message
    await h.waitForRecord(() => instancesOf('msk-a').length === 3);
    expect(instancesOf('msk-b')).toHaveLength(1);
    // and when the moved instance completes, process b starts the buffered K2 application
    const job = await jobOf(h.client, 'msk-a-work', a2);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    await h.waitForRecord(() => instancesOf('msk-b').length === 2);
    expect(lifecycleOf(h.records(), 'msk-b', a2)).toContain('ELEMENT_COMPLETED');
  });
});
