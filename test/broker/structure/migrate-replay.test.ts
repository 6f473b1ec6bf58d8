/**
 * Replay equals live with migrations in the log: migrated, closed and newly opened timers, message
 * and signal subscriptions, a migrated incident, a migrated countersign and a rejected migration are
 * all rebuilt from the log into exactly the live state.
 */
import { describe, expect, it } from 'vitest';
import { io } from '../engine/support/bpmn-builder.ts';
import { jobOf, liveEngines, replayFromLog, sleep } from '../engine/support/engine-harness.ts';
import { rawClient } from '../engine/support/raw-gateway-client.ts';
import { boundary, end, flow, message, messageDef, processXml, serviceTask, signal, signalDef, start, timerDef, withRoots } from '../events/support/event-bpmn.ts';
import { eventSubProcess } from '../events/support/event-sub-process-bpmn.ts';
import { HOUR } from '../events/support/events-harness.ts';
import { migrate } from './support/migration-support.ts';

/** A review with boundary events given as [id, definition, interrupting], a signal event sub-process and a countersign after it. */
const chain = (review: string, boundaries: [string, string, boolean][], esp: string, mapping: string) =>
  withRoots(
    processXml(
      'mrp-chain',
      [
        start(),
        serviceTask(review, 'mrp-review', { extensions: io([[mapping, 'ref']]) }),
        `<bpmn:serviceTask id="sign"><bpmn:extensionElements><zeebe:taskDefinition type="mrp-sign" /></bpmn:extensionElements>
          <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" inputElement="n" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>`,
        ...boundaries.map(([id, def, interrupting]) => boundary(id, review, def, interrupting)),
        end(),
        ...boundaries.map(([id]) => end(`${id}-end`)),
        eventSubProcess(esp, { id: `${esp}-start`, definition: signalDef('s-audit'), interrupting: false }),
        flow('f1', 'start', review),
        flow('f2', review, 'sign'),
        flow('f3', 'sign', 'end'),
        ...boundaries.map(([id]) => flow(`${id}-f`, id, `${id}-end`)),
      ].join('\n'),
    ),
    [message('m-docs', 'mrp-docs', '=caseNo'), signal('s-audit', 'mrp-audit')],
  );

const v1 = chain('review', [['T1', timerDef('timeDuration', 'PT1H'), true], ['M1', messageDef('m-docs'), false]], 'audit', '=caseNo');
const v2 = chain('check', [['T2', timerDef('timeDuration', 'PT5H'), true], ['R', timerDef('timeCycle', 'R2/PT2H'), false], ['M2', messageDef('m-docs'), true]], 'audit2', '=caseNo');
/** Version 3 fails its input mapping (for an incident), the others do not. */
const v3 = chain('review', [['T1', timerDef('timeDuration', 'PT1H'), true]], 'audit', '=assert(permit, permit != null)');

/** A draft whose output mapping needs `result`, with a 1 h deadline (D1 in v1, D2 plus a new 2 h deadline E in v2). */
const draft = (version: 1 | 2) =>
  processXml(
    'mrp-draft',
    [
      start(),
      serviceTask('draft', 'mrp-draft', { extensions: io([], [['=assert(result, result != null)', 'text']]) }),
      end(),
      flow('f1', 'start', 'draft'),
      flow('f2', 'draft', 'end'),
      boundary(`D${version}`, 'draft', timerDef('timeDuration', 'PT1H')),
      end('late'),
      flow('f3', `D${version}`, 'late'),
      ...(version === 2 ? [boundary('E', 'draft', timerDef('timeDuration', 'PT2H')), end('later'), flow('f4', 'E', 'later')] : []),
    ].join('\n'),
  );

describe('replay with process instance migrations', () => {
  const startEngine = liveEngines('streetflow-replay-migration-');

  it('should rebuild exactly the live state from a log with migrated subscriptions, incidents and bodies', async () => {
    // given cases migrated in every way the log can hold
    const run = await startEngine({ controllableClock: true });
    const { client } = run;
    const raw = rawClient(run.address);
    const deploy = async (xml: string) => (await client.deployResource({ name: 'mrp-chain.bpmn', process: Buffer.from(xml) })).deployments[0]!.process.processDefinitionKey;
    const v1Key = await deploy(v1);
    const v2Key = await deploy(v2);
    const v3Key = await deploy(v3);
    const create = async (version: number, caseNo: string) => (await client.createProcessInstance({ bpmnProcessId: 'mrp-chain', version, variables: { caseNo } })).processInstanceKey;
    const mapped = await create(1, 'MRP-1');
    const unmapped = await create(1, 'MRP-2');
    const stuck = await create(3, 'MRP-3');
    const signing = await create(1, 'MRP-4');
    await jobOf(client, 'mrp-review', mapped);
    await jobOf(client, 'mrp-review', unmapped);
    await client.completeJob({ jobKey: (await jobOf(client, 'mrp-review', signing)).key, variables: {} });
    await jobOf(client, 'mrp-sign', signing);
    await migrate(raw, mapped, v2Key, [['review', 'check'], ['T1', 'T2'], ['M1', 'M2'], ['audit', 'audit2'], ['audit-start', 'audit2-start']]);
    await migrate(raw, unmapped, v2Key, [['review', 'check']]).catch(() => undefined); // rejected: M2 would re-subscribe to 'mrp-docs'
    await migrate(raw, unmapped, v2Key, [['review', 'check'], ['M1', 'M2']]);
    await migrate(raw, stuck, v1Key, [['review', 'review']]);
    await migrate(raw, signing, v2Key, [['sign', 'sign']]);
    await migrate(raw, signing, v3Key, [['sign', 'sign']]);
    // and the migrated subscriptions fire in the log: the reminder cycle, the audit signal, the documents message
    await run.engine.clock.advance(2 * HOUR);
    await client.broadcastSignal({ signalName: 'mrp-audit', variables: {} });
    await client.publishMessage({ name: 'mrp-docs', correlationKey: 'MRP-2', variables: { docs: true }, timeToLive: 0 });
    raw.close();
    // when
    const { live, liveKey, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    // (the mapped and unmapped cases ended by their migrated T2 timer and M2 message; what is left carries the migrations)
    const text = JSON.stringify(live);
    expect(text).not.toContain(`"processInstanceKey":${mapped}`);
    expect(text).not.toContain(`"processInstanceKey":${unmapped}`);
    expect(text).toContain(`"processDefinitionKey":${v1Key},"processInstanceKey":${stuck},"elementId":"review"`);
    expect(text).toContain(`"processDefinitionKey":${v3Key},"bpmnProcessId":"mrp-chain","catchEventId":"audit-start","catchEventInstanceKey":${signing}`);
    await replayed.stop();
  });
  it('should rebuild exactly the live state after elements stuck COMPLETING were migrated with their timers, one of them completed afterwards', async () => {
    // given two drafts stuck COMPLETING on their output mapping, migrated onto v2 (D1 → D2, E new)
    const run = await startEngine({ controllableClock: true });
    const { client } = run;
    const raw = rawClient(run.address);
    await client.deployResource({ name: 'mrp-draft.bpmn', process: Buffer.from(draft(1)) });
    const v2Key = (await client.deployResource({ name: 'mrp-draft.bpmn', process: Buffer.from(draft(2)) })).deployments[0]!.process.processDefinitionKey;
    const stuck: string[] = [];
    const drafts: string[] = [];
    for (let n = 0; n < 2; n++) {
      const pi = (await client.createProcessInstance({ bpmnProcessId: 'mrp-draft', version: 1, variables: {} })).processInstanceKey;
      const job = await jobOf(client, 'mrp-draft', pi);
      await client.completeJob({ jobKey: job.key, variables: {} });
      stuck.push(pi);
      drafts.push(job.elementInstanceKey);
    }
    await sleep(50);
    for (const pi of stuck) await migrate(raw, pi, v2Key, [['draft', 'draft'], ['D1', 'D2']]);
    raw.close();
    // the timers fall due while the drafts are stuck; then one draft gets its result and completes
    await run.engine.clock.advance(3 * HOUR);
    await client.setVariables({ elementInstanceKey: stuck[0]!, variables: { result: 'ok' }, local: false });
    const incidentKey = run.engine.state.incidents.forElementInstance(Number(drafts[0]))!;
    await client.resolveIncident({ incidentKey: String(incidentKey) });
    await sleep(50);
    // when
    const { live, liveKey, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    const text = JSON.stringify(live);
    expect(text).not.toContain(`"processInstanceKey":${stuck[0]}`);
    expect(text).toContain(`"targetElementId":"D2"`);
    expect(text).toContain(`"targetElementId":"E"`);
    await replayed.stop();
  });
});
