import { describe, expect, it } from 'vitest';
import { io, oneTaskProcess, parallelProcess, serviceTask } from './support/bpmn-builder.ts';
import { liveEngines, replayFromLog } from './support/engine-harness.ts';

const parallel = parallelProcess('replay-and', [
  ['a', serviceTask('a', 'replay-a', { extensions: io([['=n', 'localN']], [['=resultA', 'a']]) })],
  ['b', serviceTask('b', 'replay-b')],
]);

describe('replay', () => {
  const startEngine = liveEngines('streetflow-replay-');

  it('should rebuild exactly the live state from the log after a restart', async () => {
    // given a broker that ran a mixed workload
    const run = await startEngine();
    const { client } = run;
    await client.deployResource({ name: 'replay-and.bpmn', process: Buffer.from(parallel) });
    await client.deployResource({ name: 'replay-one.bpmn', process: Buffer.from(oneTaskProcess('replay-one', 'replay-one', { retries: '2' })) });
    const instances = [];
    for (let n = 0; n < 10; n++) instances.push(await client.createProcessInstance({ bpmnProcessId: 'replay-and', variables: { n } }));
    for (let n = 0; n < 6; n++) await client.createProcessInstance({ bpmnProcessId: 'replay-one', variables: { n, nested: { list: [1, 'zwei'] } } });
    const aJobs = await client.activateJobs({ type: 'replay-a', worker: 'w', maxJobsToActivate: 6, timeout: 600_000, requestTimeout: 2_000 });
    for (const job of aJobs.slice(0, 4)) await client.completeJob({ jobKey: job.key, variables: { resultA: job.variables.localN } });
    const bJobs = await client.activateJobs({ type: 'replay-b', worker: 'w', maxJobsToActivate: 3, timeout: 600_000, requestTimeout: 2_000 });
    for (const job of bJobs) await client.completeJob({ jobKey: job.key, variables: { b: true } });
    const oneJobs = await client.activateJobs({ type: 'replay-one', worker: 'w', maxJobsToActivate: 4, timeout: 600_000, requestTimeout: 2_000 });
    await client.failJob({ jobKey: oneJobs[0]!.key, retries: 0, errorMessage: 'broken', retryBackOff: 0 });
    await client.failJob({ jobKey: oneJobs[1]!.key, retries: 1, errorMessage: 'later', retryBackOff: 600_000 });
    await client.throwError({ jobKey: oneJobs[2]!.key, errorCode: 'E1', errorMessage: 'uncaught' });
    await client.setVariables({ elementInstanceKey: instances[9]!.processInstanceKey, variables: { note: '备注' }, local: true });
    await client.cancelProcessInstance(instances[8]!.processInstanceKey);

    // when
    const { live, liveKey, replayed } = await replayFromLog(run);
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    expect(replayed.state.elementInstances.size).toBeGreaterThan(0);
    expect(replayed.state.jobs.size).toBeGreaterThan(0);
    await replayed.stop();
  });
});
