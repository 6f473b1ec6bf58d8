/**
 * Replay with part 2B in the log: sub-processes, multi-instance bodies (counters, output
 * collections), terminate end events, inclusive joins and process instance modifications are all
 * rebuilt from the log into exactly the live state.
 */
import { describe, expect, it } from 'vitest';
import { end, flow, io, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
import { rawClient, unary } from '../engine/support/raw-gateway-client.ts';

const countersign = processXml(
  'rs-sign',
  [
    start(),
    `<bpmn:serviceTask id="sign"><bpmn:extensionElements><zeebe:taskDefinition type="rs-sign" /></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=signers" inputElement="signer" outputCollection="decisions" outputElement="=decision" /></bpmn:extensionElements>
      <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">= some d in decisions satisfies d = "approve"</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>`,
    `<bpmn:serviceTask id="seq"><bpmn:extensionElements><zeebe:taskDefinition type="rs-seq" /></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=signers" inputElement="signer" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>`,
    end(),
    flow('f1', 'start', 'sign'),
    flow('f2', 'sign', 'seq'),
    flow('f3', 'seq', 'end'),
  ].join('\n'),
);

const structured = processXml(
  'rs-struct',
  [
    start(),
    `<bpmn:subProcess id="sub"><bpmn:extensionElements>${io([['=n', 'local']])}</bpmn:extensionElements>
      ${start('s-start')}
      <bpmn:inclusiveGateway id="fork" />
      ${serviceTask('a', 'rs-a')}
      ${serviceTask('b', 'rs-b')}
      <bpmn:inclusiveGateway id="join" />
      ${end('s-end')}
      ${flow('s1', 's-start', 'fork')}
      ${flow('s2', 'fork', 'a', '=true')}
      ${flow('s3', 'fork', 'b', '=n > 2')}
      ${flow('s4', 'a', 'join')}
      ${flow('s5', 'b', 'join')}
      ${flow('s6', 'join', 's-end')}
    </bpmn:subProcess>`,
    '<bpmn:parallelGateway id="split" />',
    serviceTask('side', 'rs-side'),
    '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
    end(),
    flow('f1', 'start', 'split'),
    flow('f2', 'split', 'sub'),
    flow('f3', 'split', 'side'),
    flow('f4', 'sub', 'end'),
    flow('f5', 'side', 'kill'),
  ].join('\n'),
);

describe('replay with sub-processes, multi-instance and modifications', () => {
  const startEngine = liveEngines('streetflow-replay-structure-');

  it('should rebuild exactly the live state from the log after a restart', async () => {
    // given a broker that ran countersigns, sub-processes, inclusive joins, terminate ends and modifications
    const run = await startEngine();
    const { client } = run;
    await client.deployResource({ name: 'rs-sign.bpmn', process: Buffer.from(countersign) });
    await client.deployResource({ name: 'rs-struct.bpmn', process: Buffer.from(structured) });
    const signs: { processInstanceKey: string }[] = [];
    for (let n = 0; n < 4; n++) signs.push(await client.createProcessInstance({ bpmnProcessId: 'rs-sign', variables: { signers: ['a', 'b', 'c'] } }));
    const structs: { processInstanceKey: string }[] = [];
    for (let n = 0; n < 5; n++) structs.push(await client.createProcessInstance({ bpmnProcessId: 'rs-struct', variables: { n } }));

    const signJobs = await client.activateJobs({ type: 'rs-sign', worker: 'w', maxJobsToActivate: 12, timeout: 600_000, requestTimeout: 2_000 });
    const byInstance = (key: string) => signJobs.filter((j) => j.processInstanceKey === key);
    await client.completeJob({ jobKey: byInstance(signs[0]!.processInstanceKey)[0]!.key, variables: { decision: 'reject' } });
    await client.completeJob({ jobKey: byInstance(signs[1]!.processInstanceKey)[1]!.key, variables: { decision: 'approve' } });
    await client.completeJob({ jobKey: byInstance(signs[2]!.processInstanceKey)[2]!.key, variables: { decision: 'approve' } });
    const seqJobs = await client.activateJobs({ type: 'rs-seq', worker: 'w', maxJobsToActivate: 5, timeout: 600_000, requestTimeout: 2_000 });
    for (const job of seqJobs) await client.completeJob({ jobKey: job.key, variables: {} });
    await client.cancelProcessInstance(signs[3]!.processInstanceKey);

    const aJobs = await client.activateJobs({ type: 'rs-a', worker: 'w', maxJobsToActivate: 5, timeout: 600_000, requestTimeout: 2_000 });
    for (const job of aJobs.slice(0, 3)) await client.completeJob({ jobKey: job.key, variables: { a: job.variables.local } });
    const sideJobs = await client.activateJobs({ type: 'rs-side', worker: 'w', maxJobsToActivate: 5, timeout: 600_000, requestTimeout: 2_000 });
    await client.completeJob({ jobKey: sideJobs.find((j) => j.processInstanceKey === structs[4]!.processInstanceKey)!.key, variables: {} });
    const sent = aJobs.find((j) => j.processInstanceKey === structs[3]!.processInstanceKey)!;
    await client.modifyProcessInstance({
      processInstanceKey: structs[3]!.processInstanceKey,
      activateInstructions: [{ elementId: 'b', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'b', variables: { again: true } }] }],
      terminateInstructions: [{ elementInstanceKey: sent.elementInstanceKey }],
    });
    const side = sideJobs.find((j) => j.processInstanceKey === structs[2]!.processInstanceKey)!;
    await client.modifyProcessInstance({
      processInstanceKey: structs[2]!.processInstanceKey,
      activateInstructions: [{ elementId: 'a', ancestorElementInstanceKey: structs[2]!.processInstanceKey, variableInstructions: [{ scopeId: 'sub', variables: { local: 9 } }] }],
      terminateInstructions: [{ elementInstanceKey: side.elementInstanceKey }],
    });
    // and a case migrated onto a second version of its chain
    const chain = (task: string) => processXml('rs-chain', [start(), serviceTask(task, 'rs-chain-work'), end(), flow('f1', 'start', task), flow('f2', task, 'end')].join('\n'));
    await client.deployResource({ name: 'rs-chain.bpmn', process: Buffer.from(chain('first')) });
    const chained = await client.createProcessInstance({ bpmnProcessId: 'rs-chain', variables: {} });
    await client.activateJobs({ type: 'rs-chain-work', worker: 'w', maxJobsToActivate: 1, timeout: 600_000, requestTimeout: 2_000 });
    const v2 = await client.deployResource({ name: 'rs-chain.bpmn', process: Buffer.from(chain('renamed')) });
    const raw = rawClient(run.address);
    await unary(raw, 'MigrateProcessInstance', {
      processInstanceKey: chained.processInstanceKey,
      migrationPlan: { targetProcessDefinitionKey: v2.deployments[0]!.process.processDefinitionKey, mappingInstructions: [{ sourceElementId: 'first', targetElementId: 'renamed' }] },
    });
    raw.close();

    // when
    const { live, liveKey, replayed } = await replayFromLog(run);

    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    const bodies = JSON.stringify(live);
    expect(bodies).toContain('"completedChildren"');
    expect(bodies).toContain('"bpmnElementType":"MULTI_INSTANCE_BODY"');
    expect(bodies).toContain('"bpmnElementType":"SUB_PROCESS"');
    expect(bodies).toContain('"elementId":"renamed"');
    await replayed.stop();
  });
});
