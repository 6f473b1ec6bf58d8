/** Business rule tasks with the other instance operations: migration of an instance stuck on a decision incident, and ModifyProcessInstance. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { rawClient, type RawGatewayClient } from '../engine/support/raw-gateway-client.ts';
import { migrate } from '../structure/support/migration-support.ts';
import { deployDmn, eventsOf } from './support/decision-harness.ts';
import { businessRuleTask, dmnXml, literalDecision } from './support/dmn-builder.ts';

function ruleCase(id: string, decisionId: string): string {
  return processXml(id, [start(), businessRuleTask('decide', decisionId, 'office'), end(), flow('f1', 'start', 'decide'), flow('f2', 'decide', 'end')].join('\n'));
}

describe('business rule tasks with migration and modification', () => {
  let harness: EngineHarness;
  let raw: RawGatewayClient;

  beforeAll(async () => {
    harness = await startHarness({}, 'streetflow-dmn-ops-');
    raw = rawClient(harness.broker.address);
    await deployDmn(harness.client, 'offices.dmn', dmnXml('offices', [literalDecision('office_by_area', 'area + " street office"')]));
  });

  afterAll(async () => {
    raw.close();
    await harness.close();
  });

  const ofInstance = (processInstanceKey: string) => (r: { value: unknown }) => String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey;

  it('should evaluate the target version decision after an instance stuck on a CALLED_DECISION_ERROR is migrated and the incident resolved', async () => {
    // given an instance whose task calls a decision that was never deployed
    await harness.deploy('ops-case.bpmn', ruleCase('ops-case', 'office_by_district'));
    const instance = await harness.client.createProcessInstance({ bpmnProcessId: 'ops-case', variables: { area: 'east' } });
    const incident = await harness.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && ofInstance(instance.processInstanceKey)(r));
    expect(incident.value).toMatchObject({ errorType: 'CALLED_DECISION_ERROR' });
    const target = await harness.deploy('ops-case.bpmn', ruleCase('ops-case', 'office_by_area'));
    // when
    await migrate(raw, instance.processInstanceKey, target, [['decide', 'decide']]);
    await harness.client.resolveIncident({ incidentKey: String(incident.key) });
    // then
    await harness.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === instance.processInstanceKey);
    const evaluation = eventsOf(harness, 'DECISION_EVALUATION', 'EVALUATED').find(ofInstance(instance.processInstanceKey))!;
    expect(evaluation.value).toMatchObject({ decisionId: 'office_by_area', decisionOutput: '"east street office"', processDefinitionKey: Number(target) });
  });

  it('should evaluate a business rule task activated by ModifyProcessInstance (re-routing a waiting case)', async () => {
    // given a case waiting at review, with a routing step before it
    const xml = processXml(
      'reroute-case',
      [start(), businessRuleTask('route', 'office_by_area', 'office'), serviceTask('review', 'reroute-review'), end(), flow('f1', 'start', 'route'), flow('f2', 'route', 'review'), flow('f3', 'review', 'end')].join('\n'),
    );
    await harness.deploy('reroute-case.bpmn', xml);
    const instance = await harness.client.createProcessInstance({ bpmnProcessId: 'reroute-case', variables: { area: 'west' } });
    await harness.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && ofInstance(instance.processInstanceKey)(r));
    // when the area is corrected and the case sent back to routing
    await harness.client.modifyProcessInstance({
      processInstanceKey: instance.processInstanceKey,
      activateInstructions: [{ elementId: 'route', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: '', variables: { area: 'north' } }] }],
      terminateInstructions: [],
    });
    // then the decision is evaluated again with the corrected area
    await harness.waitForRecord(
      (r) => r.valueType === 'DECISION_EVALUATION' && r.intent === 'EVALUATED' && ofInstance(instance.processInstanceKey)(r) && (r.value as { decisionOutput: string }).decisionOutput === '"north street office"',
    );
    const offices = eventsOf(harness, 'VARIABLE')
      .filter((r) => ofInstance(instance.processInstanceKey)(r) && (r.value as { name: string }).name === 'office')
      .map((r) => (r.value as { value: string }).value);
    expect(offices).toEqual(['"west street office"', '"north street office"']);
  });
});
