/**
 * Converging inclusive gateway through zeebe-node: it joins once every incoming flow was taken or
 * no token left in the scope has a path to it — also when the path it waited for ends at an end
 * event, is interrupted by a boundary event, or moves away after the first token arrived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZBClient } from 'zeebe-node';
import { end, flow, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { jobOf, lifecycleOf, liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
import { boundary, timerDef } from '../events/support/event-bpmn.ts';
import { HOUR, startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';

/**
 * fork → land → join; fork → building → check (exclusive: `route` = "join" → join, "other" → archive → endArchive,
 * else endDropped); join → decide → end. `buildingExtras` can attach a boundary event to `building`.
 */
function consultModel(id: string, extras: string[] = []): string {
  return processXml(
    id,
    [
      start(),
      '<bpmn:parallelGateway id="fork" />',
      serviceTask('land', `${id}-land`),
      serviceTask('building', `${id}-building`),
      '<bpmn:exclusiveGateway id="check" default="toDropped" />',
      serviceTask('archive', `${id}-archive`),
      '<bpmn:inclusiveGateway id="join" />',
      serviceTask('decide', `${id}-decide`),
      end(),
      end('endDropped'),
      end('endArchive'),
      ...extras,
      flow('f0', 'start', 'fork'),
      flow('f1', 'fork', 'land'),
      flow('f2', 'fork', 'building'),
      flow('j1', 'land', 'join'),
      flow('f3', 'building', 'check'),
      flow('j2', 'check', 'join', '=route = "join"'),
      flow('toArchive', 'check', 'archive', '=route = "other"'),
      flow('toDropped', 'check', 'endDropped'),
      flow('f4', 'archive', 'endArchive'),
      flow('f9', 'join', 'decide'),
      flow('f10', 'decide', 'end'),
    ].join('\n'),
  );
}

/** An inclusive fork whose two true conditions both lead straight into one inclusive join. */
const direct = processXml(
  'ij-direct',
  [
    start(),
    '<bpmn:inclusiveGateway id="fork" />',
    '<bpmn:inclusiveGateway id="join" />',
    serviceTask('decide', 'ij-direct-decide'),
    end(),
    flow('f0', 'start', 'fork'),
    flow('a', 'fork', 'join', '=true'),
    flow('b', 'fork', 'join', '=true'),
    flow('f9', 'join', 'decide'),
    flow('f10', 'decide', 'end'),
  ].join('\n'),
);

/** Like consultModel, but building reaches the join only through a link (throw `toJoin` → catch `fromLink`). */
const linked = processXml(
  'ij-link',
  [
    start(),
    '<bpmn:parallelGateway id="fork" />',
    serviceTask('land', 'ij-link-land'),
    serviceTask('building', 'ij-link-building'),
    '<bpmn:exclusiveGateway id="check" default="toDropped" />',
    '<bpmn:intermediateThrowEvent id="toJoin"><bpmn:linkEventDefinition name="join-link" /></bpmn:intermediateThrowEvent>',
    '<bpmn:intermediateCatchEvent id="fromLink"><bpmn:linkEventDefinition name="join-link" /></bpmn:intermediateCatchEvent>',
    '<bpmn:inclusiveGateway id="join" />',
    serviceTask('decide', 'ij-link-decide'),
    end(),
    end('endDropped'),
    flow('f0', 'start', 'fork'),
    flow('f1', 'fork', 'land'),
    flow('f2', 'fork', 'building'),
    flow('j1', 'land', 'join'),
    flow('f3', 'building', 'check'),
    flow('toLink', 'check', 'toJoin', '=route = "join"'),
    flow('toDropped', 'check', 'endDropped'),
    flow('j2', 'fromLink', 'join'),
    flow('f9', 'join', 'decide'),
    flow('f10', 'decide', 'end'),
  ].join('\n'),
);

describe('converging inclusive gateway', () => {
  let h: EventsHarness;
  const joinLifecycle = (pi: string): string[] => lifecycleOf(h.records(), 'join', pi);

  beforeAll(async () => {
    h = await startEventsHarness();
    await h.deploy('ij-end.bpmn', consultModel('ij-end'));
    await h.deploy('ij-timer.bpmn', consultModel('ij-timer', [boundary('late', 'building', timerDef('timeDuration', 'P1D')), end('endLate'), flow('f5', 'late', 'endLate')]));
    await h.deploy('ij-direct.bpmn', direct);
    await h.deploy('ij-link.bpmn', linked);
  });
  afterAll(async () => {
    await h.close();
  });

  async function complete(type: string, pi: string, variables: Record<string, unknown> = {}): Promise<void> {
    const job = await jobOf(h.client, type, pi);
    await h.client.completeJob({ jobKey: job.key, variables });
  }

  it('should join when the other forked path ends at an end event after the first token arrived', async () => {
    // given land arrived at the join while building could still reach it
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ij-end', variables: {} });
    await complete('ij-end-land', pi);
    expect(joinLifecycle(pi)).toEqual([]);
    // when building's path ends at an end event instead
    await complete('ij-end-building', pi, { route: 'none' });
    // then the join fires once and the case goes on to the decision
    expect(joinLifecycle(pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    await complete('ij-end-decide', pi);
    expect(lifecycleOf(h.records(), 'ij-end', pi)).toContain('ELEMENT_COMPLETED');
  });

  it('should wait for a path that can still arrive and join both tokens once', async () => {
    // given
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ij-end', variables: {} });
    await complete('ij-end-land', pi);
    // when building arrives at the join too
    await complete('ij-end-building', pi, { route: 'join' });
    // then the join fired exactly once, after both
    expect(joinLifecycle(pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    await complete('ij-end-decide', pi);
    expect(lifecycleOf(h.records(), 'ij-end', pi)).toContain('ELEMENT_COMPLETED');
    expect(h.records().filter((r) => r.recordType === 'COMMAND_REJECTION' && String((r.value as { processInstanceKey?: number }).processInstanceKey) === pi)).toEqual([]);
  });

  it('should join at once when the other path moves away to an element that cannot reach the join', async () => {
    // given
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ij-end', variables: {} });
    await complete('ij-end-land', pi);
    // when building is routed to archiving, which ends elsewhere
    await complete('ij-end-building', pi, { route: 'other' });
    // then the join does not wait for the archiving task
    expect(joinLifecycle(pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycleOf(h.records(), 'archive', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await complete('ij-end-decide', pi);
    await complete('ij-end-archive', pi);
    expect(lifecycleOf(h.records(), 'ij-end', pi)).toContain('ELEMENT_COMPLETED');
  });

  it('should join when the path it waited for is interrupted by a boundary event that leads away', async () => {
    // given land arrived while building (with a one-day deadline) is still open
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ij-timer', variables: {} });
    await complete('ij-timer-land', pi);
    expect(joinLifecycle(pi)).toEqual([]);
    // when the deadline interrupts building
    await h.advance(24 * HOUR);
    // then
    expect(lifecycleOf(h.records(), 'building', pi).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
    expect(joinLifecycle(pi)).toContain('ELEMENT_COMPLETED');
    await complete('ij-timer-decide', pi);
    expect(lifecycleOf(h.records(), 'ij-timer', pi)).toContain('ELEMENT_COMPLETED');
  });

  it('should wait for a path that reaches the join through a link event, and join once it arrives', async () => {
    // given land arrived while building can still reach the join through the link
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ij-link', variables: {} });
    await complete('ij-link-land', pi);
    expect(joinLifecycle(pi)).toEqual([]);
    // when building takes the link
    await complete('ij-link-building', pi, { route: 'join' });
    // then the join fired once, with both tokens
    expect(joinLifecycle(pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    await complete('ij-link-decide', pi);
    expect(lifecycleOf(h.records(), 'ij-link', pi)).toContain('ELEMENT_COMPLETED');
  });

  it('should activate a converging inclusive gateway named by a start instruction or an activate instruction at once', async () => {
    // when a case is started at the join, and another one gets the join activated by modification while land is open
    const { processInstanceKey: started } = await h.client.createProcessInstance({ bpmnProcessId: 'ij-end', variables: {}, startInstructions: [{ elementId: 'join' }] });
    const { processInstanceKey: modified } = await h.client.createProcessInstance({ bpmnProcessId: 'ij-end', variables: {} });
    await jobOf(h.client, 'ij-end-land', modified);
    await h.client.modifyProcessInstance({ processInstanceKey: modified, activateInstructions: [{ elementId: 'join', ancestorElementInstanceKey: '-1', variableInstructions: [] }] });

    // then in both the join passed at once to the decision (no rejected activation, no empty process waiting forever)
    for (const pi of [started, modified]) {
      expect(joinLifecycle(pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
      await complete('ij-end-decide', pi);
    }
    expect(lifecycleOf(h.records(), 'ij-end', started)).toContain('ELEMENT_COMPLETED');
    // and the modified case still waits for its land and building paths
    expect(lifecycleOf(h.records(), 'ij-end', modified)).not.toContain('ELEMENT_COMPLETED');
  });

  it('should activate the join once when one command takes two of its incoming flows', async () => {
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ij-direct', variables: {} });
    await complete('ij-direct-decide', pi);
    // then
    expect(joinLifecycle(pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycleOf(h.records(), 'decide', pi).filter((i) => i === 'ELEMENT_ACTIVATING')).toHaveLength(1);
    expect(lifecycleOf(h.records(), 'ij-direct', pi)).toContain('ELEMENT_COMPLETED');
  });
});

describe('replay with converging inclusive gateways', () => {
  const startEngine = liveEngines('streetflow-replay-inclusive-join-');

  async function complete(client: ZBClient, type: string, pi: string, variables: Record<string, unknown> = {}): Promise<void> {
    const job = await jobOf(client, type, pi);
    await client.completeJob({ jobKey: job.key, variables });
  }

  it('should rebuild exactly the live state from the log after joins released by ended paths', async () => {
    // given
    const run = await startEngine({ controllableClock: true });
    const { client } = run;
    await client.deployResource({ name: 'rij.bpmn', process: Buffer.from(consultModel('rij')) });
    const routes = ['none', 'join', 'other'];
    for (const route of routes) {
      const { processInstanceKey: pi } = await client.createProcessInstance({ bpmnProcessId: 'rij', variables: {} });
      await complete(client, 'rij-land', pi);
      await complete(client, 'rij-building', pi, { route });
    }
    const waiting = await client.createProcessInstance({ bpmnProcessId: 'rij', variables: {} });
    await complete(client, 'rij-land', waiting.processInstanceKey);
    // when
    const { live, liveKey, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    await replayed.stop();
  });
});
