/**
 * Replay with modifications into nested scopes in the log: scopes created by ModifyProcessInstance
 * and by start instructions (with their variables, boundary timers and event sub-process
 * subscriptions), ancestor selection, fired timers of created scopes and terminated scope instances
 * are rebuilt from the log into exactly the live state.
 */
import { describe, expect, it } from 'vitest';
import type { ZBClient } from 'zeebe-node';
import { boundary, end, flow, message, messageDef, processXml, serviceTask, signal, signalDef, start, timerDef, withRoots } from '../events/support/event-bpmn.ts';
import { eventSubProcess } from '../events/support/event-sub-process-bpmn.ts';
import { jobOf, liveEngines, replayFromLog, sleep } from '../engine/support/engine-harness.ts';

/** first → outer { inner { deep } } (1h timer boundary on outer → late; message event sub-process in inner) → end. */
const model = withRoots(
  processXml(
    'rm',
    [
      start(),
      serviceTask('first', 'rm-first'),
      `<bpmn:subProcess id="outer">
        ${start('o-start')}
        <bpmn:subProcess id="inner">
          ${start('i-start')}${serviceTask('deep', 'rm-deep')}${end('i-end')}${flow('i1', 'i-start', 'deep')}${flow('i2', 'deep', 'i-end')}
          ${eventSubProcess('nudge', { id: 'nudge-start', definition: messageDef('m-nudge'), interrupting: false }, 'rm-nudged')}
        </bpmn:subProcess>
        ${end('o-end')}${flow('o1', 'o-start', 'inner')}${flow('o2', 'inner', 'o-end')}
      </bpmn:subProcess>`,
      boundary('late', 'outer', timerDef('timeDuration', 'PT1H')),
      serviceTask('escalate', 'rm-escalate'),
      end(),
      end('end-late'),
      flow('f1', 'start', 'first'),
      flow('f2', 'first', 'outer'),
      flow('f3', 'outer', 'end'),
      flow('f4', 'late', 'escalate'),
      flow('f5', 'escalate', 'end-late'),
    ].join('\n'),
  ),
  [message('m-nudge', 'nudge', '=caseId')],
);

/**
 * work → end, with an interrupting event sub-process 'halt' (timer from `=sla`) and a non-interrupting
 * signal event sub-process 'ping'; the process's start event carries the incident when `sla` is missing.
 */
const halting = withRoots(
  processXml(
    'rm-halt',
    [
      start(),
      serviceTask('work', 'rm-work'),
      end(),
      flow('f1', 'start', 'work'),
      flow('f2', 'work', 'end'),
      eventSubProcess('halt', { id: 'halt-start', definition: timerDef('timeDuration', '=sla'), interrupting: true }, 'rm-halt'),
      eventSubProcess('ping', { id: 'ping-start', definition: signalDef('s-ping'), interrupting: false }, 'rm-ping'),
    ].join('\n'),
  ),
  [signal('s-ping', 'rm-ping')],
);

describe('replay with modifications into nested scopes', () => {
  const startEngine = liveEngines('streetflow-replay-modify-');

  async function keyOf(client: ZBClient, type: string, pi: string) {
    return (await jobOf(client, type, pi)).elementInstanceKey;
  }

  it('should rebuild exactly the live state from the log after scopes were created, fired and terminated by modifications', async () => {
    // given
    const run = await startEngine({ controllableClock: true });
    const { client, engine } = run;
    await client.deployResource({ name: 'rm.bpmn', process: Buffer.from(model) });

    // a case moved into the inner scope, with a variable on each created scope; a second deep below the outer instance
    const moved = await client.createProcessInstance({ bpmnProcessId: 'rm', variables: {} });
    const firstKey = await keyOf(client, 'rm-first', moved.processInstanceKey);
    await client.modifyProcessInstance({
      processInstanceKey: moved.processInstanceKey,
      activateInstructions: [
        { elementId: 'deep', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'inner', variables: { caseId: 'R-1' } }, { scopeId: 'outer', variables: { o: true } }] },
      ],
      terminateInstructions: [{ elementInstanceKey: firstKey }],
    });
    await jobOf(client, 'rm-deep', moved.processInstanceKey);
    await client.publishMessage({ name: 'nudge', correlationKey: 'R-1', variables: { by: '督办' }, timeToLive: 0 });
    await jobOf(client, 'rm-nudged', moved.processInstanceKey);

    // a case started inside the inner scope, whose outer timer then fires
    const started = await client.createProcessInstance({ bpmnProcessId: 'rm', variables: { caseId: 'R-2' }, startInstructions: [{ elementId: 'deep' }] });
    await jobOf(client, 'rm-deep', started.processInstanceKey);

    // a case whose created scopes are terminated again
    const undone = await client.createProcessInstance({ bpmnProcessId: 'rm', variables: { caseId: 'R-3' }, startInstructions: [{ elementId: 'deep' }, { elementId: 'first' }] });
    const deepKey = await keyOf(client, 'rm-deep', undone.processInstanceKey);
    const deepInstance = engine.state.elementInstances.get(Number(deepKey))!;
    await client.modifyProcessInstance({ processInstanceKey: undone.processInstanceKey, terminateInstructions: [{ elementInstanceKey: String(deepInstance.value.flowScopeKey) }] });

    await engine.clock.advance(3_600_000);
    await jobOf(client, 'rm-escalate', started.processInstanceKey);
    await sleep(50);

    // when
    const { live, liveKey, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));

    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    const text = JSON.stringify(live);
    expect(text).toContain('"elementId":"escalate"');
    await replayed.stop();
  });
  it('should rebuild exactly the live state after start events held event sub-process incidents and an interrupting event sub-process was activated by modification', async () => {
    // given
    const run = await startEngine({ controllableClock: true });
    const { client, engine } = run;
    await client.deployResource({ name: 'rm-halt.bpmn', process: Buffer.from(halting) });
    // two cases without sla: their start events wait COMPLETING with an incident; one is resolved
    const waiting = await client.createProcessInstance({ bpmnProcessId: 'rm-halt', variables: {} });
    const resolved = await client.createProcessInstance({ bpmnProcessId: 'rm-halt', variables: {} });
    await sleep(50);
    const startKeyOf = (pi: string) => [...engine.state.elementInstances.get(Number(pi))!.children][0]!;
    expect(engine.state.incidents.forElementInstance(startKeyOf(waiting.processInstanceKey))).toBeDefined();
    await client.setVariables({ elementInstanceKey: resolved.processInstanceKey, variables: { sla: 'PT1H' }, local: false });
    await client.resolveIncident({ incidentKey: String(engine.state.incidents.forElementInstance(startKeyOf(resolved.processInstanceKey))!) });
    await jobOf(client, 'rm-work', resolved.processInstanceKey);
    // its interrupting event sub-process activated by modification, then the signal one triggered next to it
    await client.modifyProcessInstance({ processInstanceKey: resolved.processInstanceKey, activateInstructions: [{ elementId: 'halt', ancestorElementInstanceKey: '-1', variableInstructions: [] }] });
    await jobOf(client, 'rm-halt', resolved.processInstanceKey);
    await client.broadcastSignal({ signalName: 'rm-ping', variables: {} });
    await jobOf(client, 'rm-ping', resolved.processInstanceKey);
    await sleep(50);

    // when
    const { live, liveKey, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));

    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    expect(replayed.state.elementInstances.get(Number(resolved.processInstanceKey))?.interrupted).toBeFalsy();
    expect(replayed.state.incidents.forElementInstance(startKeyOf(waiting.processInstanceKey))).toBeDefined();
    await replayed.stop();
  });
});
