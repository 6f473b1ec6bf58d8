/**
 * Link events through zeebe-node: a link throw event continues at the link catch event of the same
 * name in the same flow scope (with the records Zeebe writes: no sequence flow between them), inside
 * sub-processes too; deploy validation names the offending element; replay equals live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedRecord } from '../../../engine/broker/index.ts';
import { jobOf, liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
import { end, flow, processXml, serviceTask, start } from './support/event-bpmn.ts';
import { startEventsHarness, type EventsHarness } from './support/events-harness.ts';
import { itRejectsEach, type InvalidModel } from './support/invalid-models.ts';

const linkThrow = (id: string, name: string, extensions = ''): string =>
  `<bpmn:intermediateThrowEvent id="${id}">${extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : ''}<bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateThrowEvent>`;
const linkCatch = (id: string, name: string): string => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateCatchEvent>`;

/** start → task a → throw "to-b" … catch "to-b" → task b → end. */
const pageBreak = processXml(
  'link-page',
  [
    start(),
    serviceTask('a', 'link-a'),
    linkThrow('jump', 'to-b', '<zeebe:ioMapping><zeebe:output source="=&quot;jumped&quot;" target="how" /></zeebe:ioMapping>'),
    linkCatch('land', 'to-b'),
    serviceTask('b', 'link-b'),
    end(),
    flow('f1', 'start', 'a'),
    flow('f2', 'a', 'jump'),
    flow('f3', 'land', 'b'),
    flow('f4', 'b', 'end'),
  ].join('\n'),
);

/** The same link name in the process and in a sub-process: each throw lands in its own scope. */
const scoped = processXml(
  'link-scoped',
  [
    start(),
    `<bpmn:subProcess id="sub">${start('s-start')}${linkThrow('s-jump', 'go')}${linkCatch('s-land', 'go')}${end('s-end')}${flow('s1', 's-start', 's-jump')}${flow('s2', 's-land', 's-end')}</bpmn:subProcess>`,
    linkThrow('jump', 'go'),
    linkCatch('land', 'go'),
    end(),
    flow('f1', 'start', 'sub'),
    flow('f2', 'sub', 'jump'),
    flow('f3', 'land', 'end'),
  ].join('\n'),
);

/** Two throw events of one name meeting at one catch (a loop back to an earlier step). */
const loopBack = processXml(
  'link-loop',
  [
    start(),
    linkCatch('again', 'review'),
    serviceTask('review', 'link-review'),
    '<bpmn:exclusiveGateway id="ok" default="f4" />',
    linkThrow('back', 'review'),
    end(),
    flow('f0', 'start', 'review'),
    flow('f1', 'again', 'review'),
    flow('f2', 'review', 'ok'),
    flow('f3', 'ok', 'back', '=decision = "redo"'),
    flow('f4', 'ok', 'end'),
  ].join('\n'),
);

/** PROCESS_INSTANCE events of one instance as "elementId intent" (commands included). */
function trail(records: ExportedRecord[], processInstanceKey: string, ids: readonly string[]): string[] {
  return records
    .filter((r) => r.valueType === 'PROCESS_INSTANCE' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey)
    .filter((r) => ids.includes((r.value as { elementId: string }).elementId))
    .map((r) => `${(r.value as { elementId: string }).elementId} ${r.intent}`);
}

describe('link events', () => {
  let h: EventsHarness;

  beforeAll(async () => {
    h = await startEventsHarness();
    await h.deploy('link-page.bpmn', pageBreak);
    await h.deploy('link-scoped.bpmn', scoped);
    await h.deploy('link-loop.bpmn', loopBack);
  });

  afterAll(async () => {
    await h.close();
  });

  it('should continue at the link catch event of the same name, with the records Zeebe writes', async () => {
    // given
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'link-page', variables: {} });
    // when
    const a = await jobOf(h.client, 'link-a', created.processInstanceKey);
    await h.client.completeJob({ jobKey: a.key, variables: {} });
    const b = await jobOf(h.client, 'link-b', created.processInstanceKey);
    // then the throw completes and the catch is activated directly (no sequence flow between them)
    expect(trail(h.records(), created.processInstanceKey, ['jump', 'land', 'f3'])).toEqual([
      'jump ACTIVATE_ELEMENT',
      'jump ELEMENT_ACTIVATING',
      'jump ELEMENT_ACTIVATED',
      'jump COMPLETE_ELEMENT',
      'jump ELEMENT_COMPLETING',
      'jump ELEMENT_COMPLETED',
      'land ACTIVATE_ELEMENT',
      'land ELEMENT_ACTIVATING',
      'land ELEMENT_ACTIVATED',
      'land COMPLETE_ELEMENT',
      'land ELEMENT_COMPLETING',
      'land ELEMENT_COMPLETED',
      'f3 SEQUENCE_FLOW_TAKEN',
    ]);
    const landed = h.records().find((r) => r.intent === 'ELEMENT_ACTIVATING' && (r.value as { elementId: string }).elementId === 'land')!;
    expect(landed.value).toMatchObject({ bpmnElementType: 'INTERMEDIATE_CATCH_EVENT', bpmnEventType: 'LINK', flowScopeKey: Number(created.processInstanceKey) });
    // and the throw event's output mapping reached the process
    expect(b.variables).toMatchObject({ how: 'jumped' });
    await h.client.completeJob({ jobKey: b.key, variables: {} });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === created.processInstanceKey);
  });

  it('should link within the flow scope of the throw event, so equal names in a sub-process do not cross', async () => {
    // when
    const result = await h.client.createProcessInstanceWithResult({ bpmnProcessId: 'link-scoped', variables: {}, requestTimeout: 5_000 });
    // then
    const records = h.records();
    const scopeOf = (id: string) =>
      (records.find((r) => r.intent === 'ELEMENT_ACTIVATING' && String((r.value as { processInstanceKey: number }).processInstanceKey) === result.processInstanceKey && (r.value as { elementId: string }).elementId === id)!.value as {
        flowScopeKey: number;
      }).flowScopeKey;
    const sub = records.find((r) => r.intent === 'ELEMENT_ACTIVATING' && (r.value as { elementId: string }).elementId === 'sub' && String((r.value as { processInstanceKey: number }).processInstanceKey) === result.processInstanceKey)!;
    expect(scopeOf('s-land')).toBe(sub.key);
    expect(scopeOf('land')).toBe(Number(result.processInstanceKey));
    expect(trail(records, result.processInstanceKey, ['s-land', 'land']).filter((t) => t.endsWith('ELEMENT_COMPLETED'))).toEqual(['s-land ELEMENT_COMPLETED', 'land ELEMENT_COMPLETED']);
  });

  it('should loop back to an earlier step through a link (退回)', async () => {
    // given
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'link-loop', variables: {} });
    // when the first review asks for a redo and the second approves
    const first = await jobOf(h.client, 'link-review', created.processInstanceKey);
    await h.client.completeJob({ jobKey: first.key, variables: { decision: 'redo' } });
    const second = await jobOf(h.client, 'link-review', created.processInstanceKey);
    await h.client.completeJob({ jobKey: second.key, variables: { decision: 'ok' } });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === created.processInstanceKey);
    // then the review ran twice and the catch was entered once, from the throw
    const completed = trail(h.records(), created.processInstanceKey, ['review', 'again', 'back']).filter((t) => t.endsWith('ELEMENT_COMPLETED'));
    expect(completed).toEqual(['review ELEMENT_COMPLETED', 'back ELEMENT_COMPLETED', 'again ELEMENT_COMPLETED', 'review ELEMENT_COMPLETED']);
  });
});

const INVALID: readonly InvalidModel[] = [
  {
    name: 'a link throw event without a catch event of its name',
    xml: processXml('link-orphan', [start(), linkThrow('jump', 'nowhere'), linkCatch('land', 'elsewhere'), end(), flow('f1', 'start', 'jump'), flow('f2', 'land', 'end')].join('\n')),
    elementId: 'jump',
    text: "Can't find an catch link event for the throw link event with the name 'nowhere'.",
  },
  {
    name: 'a link throw event whose catch event is in another scope',
    xml: processXml(
      'link-cross',
      [
        start(),
        `<bpmn:subProcess id="sub">${start('s-start')}${linkCatch('s-land', 'across')}${end('s-end')}${flow('s1', 's-start', 's-end')}${flow('s2', 's-land', 's-end')}</bpmn:subProcess>`,
        linkThrow('jump', 'across'),
        flow('f1', 'start', 'sub'),
        flow('f2', 'sub', 'jump'),
      ].join('\n'),
    ),
    elementId: 'jump',
    text: "Can't find an catch link event for the throw link event with the name 'across'.",
  },
  {
    name: 'two link catch events of one name in one scope',
    xml: processXml(
      'link-twice',
      [start(), linkThrow('jump', 'dup'), linkCatch('land-1', 'dup'), linkCatch('land-2', 'dup'), end(), end('end-2'), flow('f1', 'start', 'jump'), flow('f2', 'land-1', 'end'), flow('f3', 'land-2', 'end-2')].join('\n'),
    ),
    elementId: 'land-2',
    text: "Multiple intermediate catch link event definitions with the same name 'dup' are not allowed.",
  },
  {
    name: 'a link event without a name',
    xml: processXml('link-nameless', [start(), '<bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition /></bpmn:intermediateThrowEvent>', flow('f1', 'start', 'jump')].join('\n')),
    elementId: 'jump',
    text: 'Link name must be present and not empty.',
  },
  {
    name: 'a link catch event with an incoming sequence flow',
    xml: processXml('link-entered', [start(), linkThrow('jump', 'x'), linkCatch('land', 'x'), end(), flow('f1', 'start', 'land'), flow('f2', 'land', 'end')].join('\n')),
    elementId: 'land',
    text: 'A link catch event must not have incoming sequence flows',
  },
  {
    name: 'a link throw event with an outgoing sequence flow',
    xml: processXml('link-leaks', [start(), linkThrow('jump', 'x'), linkCatch('land', 'x'), end(), end('end-2'), flow('f1', 'start', 'jump'), flow('f2', 'jump', 'end-2'), flow('f3', 'land', 'end')].join('\n')),
    elementId: 'jump',
    text: 'A link throw event must not have outgoing sequence flows',
  },
];

describe('deploy validation of link events', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  itRejectsEach(() => h, INVALID);
});

describe('link events in the log', () => {
  const startEngine = liveEngines('streetflow-link-replay-');

  it('should replay link events into exactly the live state', async () => {
    // given
    const run = await startEngine();
    await run.client.deployResource({ name: 'link-loop.bpmn', process: Buffer.from(loopBack) });
    const created = await run.client.createProcessInstance({ bpmnProcessId: 'link-loop', variables: {} });
    const first = await jobOf(run.client, 'link-review', created.processInstanceKey);
    await run.client.completeJob({ jobKey: first.key, variables: { decision: 'redo' } });
    await jobOf(run.client, 'link-review', created.processInstanceKey);
    // when
    const { live, liveKey, replayed } = await replayFromLog(run);
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    await replayed.stop();
  });
});
