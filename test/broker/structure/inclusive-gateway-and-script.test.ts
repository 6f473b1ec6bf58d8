/**
 * Inclusive gateway (fork by conditions with default; join waits for every path that can still
 * arrive) and script tasks with `zeebe:script`, through zeebe-node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { jobOf, lifecycleOf, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';

/** Offices to consult by the case's needs; 综合办 when none applies; the join waits for the consulted ones. */
const consult = processXml(
  'ig-consult',
  [
    start(),
    '<bpmn:inclusiveGateway id="fork" default="toGeneral" />',
    serviceTask('land', 'ig-land'),
    serviceTask('building', 'ig-building'),
    serviceTask('general', 'ig-general'),
    '<bpmn:inclusiveGateway id="join" />',
    serviceTask('decide', 'ig-decide'),
    end(),
    flow('f0', 'start', 'fork'),
    flow('toLand', 'fork', 'land', '=needsLand'),
    flow('toBuilding', 'fork', 'building', '=floors > 2'),
    flow('toGeneral', 'fork', 'general'),
    flow('j1', 'land', 'join'),
    flow('j2', 'building', 'join'),
    flow('j3', 'general', 'join'),
    flow('f9', 'join', 'decide'),
    flow('f10', 'decide', 'end'),
  ].join('\n'),
);

const script = processXml(
  'st-fee',
  [
    start(),
    '<bpmn:scriptTask id="fee"><bpmn:extensionElements><zeebe:script expression="=area * 12.5 + (if urgent then 100 else 0)" resultVariable="fee" /></bpmn:extensionElements></bpmn:scriptTask>',
    '<bpmn:scriptTask id="bad"><bpmn:extensionElements><zeebe:script expression="=missing.deep + 1" resultVariable="broken" /></bpmn:extensionElements></bpmn:scriptTask>',
    end(),
    flow('f1', 'start', 'fee'),
    flow('f2', 'fee', 'bad'),
    flow('f3', 'bad', 'end'),
  ].join('\n'),
);

const noMatch = processXml(
  'ig-nomatch',
  [start(), '<bpmn:inclusiveGateway id="fork" />', end('a'), end('b'), flow('f0', 'start', 'fork'), flow('fa', 'fork', 'a', '=x = 1'), flow('fb', 'fork', 'b', '=x = 2')].join('\n'),
);

describe('inclusive gateway and script task', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('ig-consult.bpmn', consult);
    await h.deploy('st-fee.bpmn', script);
    await h.deploy('ig-nomatch.bpmn', noMatch);
  });

  afterAll(async () => {
    await h.close();
  });

  const job = (type: string, processInstanceKey: string) => jobOf(h.client, type, processInstanceKey);

  it('should fork to every flow whose condition holds and join only when all of them arrived', async () => {
    // given a case that needs both land and building review
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'ig-consult', variables: { needsLand: true, floors: 3 } });
    const land = await job('ig-land', processInstanceKey);
    const building = await job('ig-building', processInstanceKey);
    expect(lifecycleOf(h.records(), 'general', processInstanceKey)).toEqual([]);
    // when only land is done, the join waits
    await h.client.completeJob({ jobKey: land.key, variables: { land: 'ok' } });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'SEQUENCE_FLOW_TAKEN' && (r.value as { elementId: string }).elementId === 'j1' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
    expect(lifecycleOf(h.records(), 'join', processInstanceKey)).toEqual([]);
    // then after building it joins once
    await h.client.completeJob({ jobKey: building.key, variables: { building: 'ok' } });
    const decide = await job('ig-decide', processInstanceKey);
    expect(decide.variables).toMatchObject({ land: 'ok', building: 'ok' });
    expect(lifecycleOf(h.records(), 'join', processInstanceKey).filter((i) => i === 'ELEMENT_ACTIVATED')).toHaveLength(1);
  });

  it('should join at once when only one path was taken, and take the default flow when no condition holds', async () => {
    // given
    const one = await h.client.createProcessInstance({ bpmnProcessId: 'ig-consult', variables: { needsLand: false, floors: 5 } });
    const none = await h.client.createProcessInstance({ bpmnProcessId: 'ig-consult', variables: { needsLand: false, floors: 1 } });
    // when
    const building = await job('ig-building', one.processInstanceKey);
    await h.client.completeJob({ jobKey: building.key, variables: {} });
    const general = await job('ig-general', none.processInstanceKey);
    await h.client.completeJob({ jobKey: general.key, variables: {} });
    // then
    expect((await job('ig-decide', one.processInstanceKey)).elementId).toBe('decide');
    expect((await job('ig-decide', none.processInstanceKey)).elementId).toBe('decide');
    expect(lifecycleOf(h.records(), 'land', one.processInstanceKey)).toEqual([]);
    expect(lifecycleOf(h.records(), 'building', none.processInstanceKey)).toEqual([]);
  });

  it('should raise a CONDITION_ERROR incident when no condition holds and there is no default flow', async () => {
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'ig-nomatch', variables: { x: 3 } });
    // then
    const incident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'fork' });
  });

  it('should evaluate a script task’s FEEL expression into its result variable (null when a path is missing, as in Zeebe 8)', async () => {
    // when
    const result = await h.client.createProcessInstanceWithResult({ bpmnProcessId: 'st-fee', variables: { area: 80, urgent: true } });
    // then
    expect(result.variables).toMatchObject({ fee: 1100, broken: null });
    const fee = h.records().find((r) => r.valueType === 'VARIABLE' && (r.value as { name: string }).name === 'fee' && String((r.value as { processInstanceKey: number }).processInstanceKey) === result.processInstanceKey);
    expect(String((fee!.value as { scopeKey: number }).scopeKey)).toBe(result.processInstanceKey);
    expect(lifecycleOf(h.records(), 'fee', result.processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });
});
