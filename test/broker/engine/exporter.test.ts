import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTaskProcess } from './support/bpmn-builder.ts';
import { startHarness, type EngineHarness } from './support/engine-harness.ts';

describe('exporter API', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('exp.bpmn', oneTaskProcess('exp', 'exp-work'));
  });

  afterAll(async () => {
    await h.close();
  });

  it('should read records after a position, in order, without gaps, in Zeebe record shape', async () => {
    // given
    await h.client.createProcessInstance({ bpmnProcessId: 'exp', variables: { a: 1 } });
    // when
    const all = await h.broker.exporter.read(0, 10_000);
    const tail = await h.broker.exporter.read(all[4]!.position, 3);
    // then
    expect(all.map((r) => r.position)).toEqual(all.map((_, i) => i + 1));
    expect(tail.map((r) => r.position)).toEqual([all[4]!.position + 1, all[4]!.position + 2, all[4]!.position + 3]);
    const created = all.find((r) => r.valueType === 'PROCESS_INSTANCE_CREATION' && r.intent === 'CREATED')!;
    expect(created).toMatchObject({ recordType: 'EVENT', partitionId: 1, rejectionType: 'NULL_VAL', rejectionReason: '' });
    expect(typeof created.timestamp).toBe('number');
    expect(typeof created.brokerVersion).toBe('string');
    const command = all.find((r) => r.position === created.sourceRecordPosition)!;
    expect(command).toMatchObject({ recordType: 'COMMAND', valueType: 'PROCESS_INSTANCE_CREATION', intent: 'CREATE' });
  });

  it('should record a rejected command as COMMAND_REJECTION with its reason', async () => {
    // when
    await h.client.completeJob({ jobKey: '2251799813999990', variables: {} }).catch(() => undefined);
    // then
    const rejection = await h.waitForRecord((r) => r.recordType === 'COMMAND_REJECTION' && String(r.key) === '2251799813999990');
    expect(rejection).toMatchObject({ valueType: 'JOB', intent: 'COMPLETE', rejectionType: 'NOT_FOUND' });
    expect(rejection.rejectionReason).toContain('no such job was found');
  });

  it('should write an invalid deployment to the log and reject it there with every problem', async () => {
    // given a model whose service task has no job type
    const invalid = oneTaskProcess('exp-invalid', 'x').replace(/<zeebe:taskDefinition[^>]*\/>/, '');
    // when
    const error = await h.client.deployResource({ name: 'exp-invalid.bpmn', process: Buffer.from(invalid) }).catch((e: Error) => e);
    // then the client gets the problems and the log holds the command and its rejection
    expect(String(error)).toContain("Command 'CREATE' rejected with code 'INVALID_ARGUMENT'");
    const rejection = await h.waitForRecord((r) => r.recordType === 'COMMAND_REJECTION' && r.valueType === 'DEPLOYMENT');
    expect(rejection).toMatchObject({ intent: 'CREATE', rejectionType: 'INVALID_ARGUMENT' });
    expect(rejection.rejectionReason).toContain('exp-invalid.bpmn');
    expect(rejection.rejectionReason).toContain('zeebe:taskDefinition');
    const command = (await h.broker.exporter.read(0, 100_000)).find((r) => r.position === rejection.sourceRecordPosition)!;
    expect(command).toMatchObject({ recordType: 'COMMAND', valueType: 'DEPLOYMENT', intent: 'CREATE' });
    expect((await h.client.createProcessInstance({ bpmnProcessId: 'exp-invalid', variables: {} }).catch((e: Error) => e))).toBeInstanceOf(Error);
  });

  it('should wake a waiting reader when a new record is written and time out otherwise', async () => {
    // given
    const last = (await h.broker.exporter.read(0, 100_000)).at(-1)!.position;
    // when nothing happens
    const idleStart = Date.now();
    await h.broker.exporter.waitForRecords(last, 300);
    const idle = Date.now() - idleStart;
    // and when something happens
    const waiting = h.broker.exporter.waitForRecords(last, 10_000);
    const wokeStart = Date.now();
    await h.client.createProcessInstance({ bpmnProcessId: 'exp', variables: {} });
    await waiting;
    // then
    expect(idle).toBeGreaterThanOrEqual(250);
    expect(Date.now() - wokeStart).toBeLessThan(5_000);
    expect((await h.broker.exporter.read(last, 1))[0]!.position).toBe(last + 1);
  });

  it('should keep acknowledged positions per exporter across a restart', async () => {
    // given
    expect(h.broker.exporter.acknowledgedPosition('case-history')).toBe(0);
    await h.broker.exporter.acknowledge('case-history', 7);
    await h.broker.exporter.acknowledge('audit', 3);
    const before = (await h.broker.exporter.read(0, 100_000)).length;
    // when
    await h.restart();
    // then
    expect(h.broker.exporter.acknowledgedPosition('case-history')).toBe(7);
    expect(h.broker.exporter.acknowledgedPosition('audit')).toBe(3);
    expect((await h.broker.exporter.read(0, 100_000)).length).toBe(before);
  });
});
