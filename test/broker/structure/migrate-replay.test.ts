/**
 * Replay equals live with migrations in the log: migrated, closed and newly opened timers, message
 * and signal subscriptions, a migrated incident, a migrated countersign and a rejected migration are
 * all rebuilt from the log into exactly the live state.
 */
import { describe, expect, it } from 'vitest';
import { io } from '../engine/support/bpmn-builder.ts';
import { jobOf, liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
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
});
