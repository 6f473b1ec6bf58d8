/** Business rule tasks with zeebe:calledDecision in processes: result variable, records, incidents and their resolution. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, io, processXml, start } from '../engine/support/bpmn-builder.ts';
import { startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { deployDmn, eventsOf } from './support/decision-harness.ts';
import { businessRuleTask, dmnXml, literalDecision, tableDecision } from './support/dmn-builder.ts';

/** Which office a case goes to, by type and area (UNIQUE: overlapping rules are an evaluation failure). */
const routing = dmnXml('street-routing', [
  tableDecision('office_route', {
    inputs: [
      { id: 'r-type', expression: 'caseType' },
      { id: 'r-area', expression: 'area' },
    ],
    outputs: [{ id: 'r-office', name: 'office' }],
    rules: [
      { id: 'r-rebuild', inputs: ['"rebuild"', '-'], outputs: ['"planning office"'] },
      { id: 'r-east', inputs: ['-', '"east"'], outputs: ['"east street office"'] },
      { id: 'r-other', inputs: ['not("rebuild")', 'not("east")'], outputs: ['"service hall"'] },
    ],
  }),
  literalDecision('office_fee', 'if caseType = "rebuild" then 120 else 0'),
]);

/** start → business rule task → end, with the task's extras. */
function ruleProcess(id: string, task: string): string {
  return processXml(id, [start(), task, end(), flow('f1', 'start', task.match(/id="([^"]+)"/)![1]!), flow('f2', task.match(/id="([^"]+)"/)![1]!, 'end')].join('\n'));
}

describe('business rule task', () => {
  let harness: EngineHarness;

  beforeAll(async () => {
    harness = await startHarness({}, 'streetflow-dmn-brt-');
    await deployDmn(harness.client, 'street-routing.dmn', routing);
    await harness.deploy('route-case.bpmn', ruleProcess('route-case', businessRuleTask('route', 'office_route', 'office')));
  });

  afterAll(async () => {
    await harness.close();
  });

  const incidentOf = (processInstanceKey: string) =>
    harness.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
  const completion = (processInstanceKey: string) =>
    harness.waitForRecord(
      (r) =>
        r.valueType === 'PROCESS_INSTANCE' &&
        r.intent === 'ELEMENT_COMPLETED' &&
        (r.value as { bpmnElementType: string }).bpmnElementType === 'PROCESS' &&
        String(r.key) === processInstanceKey,
    );

  it('should evaluate the decision, set the result variable and complete the task', async () => {
    // when
    const result = await harness.client.createProcessInstanceWithResult({ bpmnProcessId: 'route-case', variables: { caseType: 'permit', area: 'east' }, requestTimeout: 5_000 });
    // then
    expect(result.variables).toMatchObject({ office: 'east street office' });
    const evaluation = eventsOf(harness, 'DECISION_EVALUATION', 'EVALUATED').find((r) => String((r.value as { processInstanceKey: number }).processInstanceKey) === result.processInstanceKey)!;
    expect(evaluation.value).toMatchObject({ decisionId: 'office_route', bpmnProcessId: 'route-case', elementId: 'route', decisionOutput: '"east street office"' });
    expect((evaluation.value as { elementInstanceKey: number }).elementInstanceKey).toBeGreaterThan(0);
  });

  it('should evaluate a decision id given as a FEEL expression', async () => {
    // given
    await harness.deploy('fee-case.bpmn', ruleProcess('fee-case', businessRuleTask('fee', '="office_" + kind', 'fee')));
    // when
    const result = await harness.client.createProcessInstanceWithResult({ bpmnProcessId: 'fee-case', variables: { kind: 'fee', caseType: 'rebuild' }, requestTimeout: 5_000 });
    // then
    expect(result.variables).toMatchObject({ fee: 120 });
  });

  it('should keep the result local when the task has output mappings and map it from there', async () => {
    // given
    const task = businessRuleTask('route', 'office_route', 'office', { extensions: io([], [['=&quot;assigned to &quot; + office', 'assignment']]) });
    await harness.deploy('mapped-case.bpmn', ruleProcess('mapped-case', task));
    // when
    const result = await harness.client.createProcessInstanceWithResult({ bpmnProcessId: 'mapped-case', variables: { caseType: 'rebuild', area: 'west' }, requestTimeout: 5_000 });
    // then
    expect(result.variables).toMatchObject({ assignment: 'assigned to planning office' });
    expect(result.variables).not.toHaveProperty('office');
  });

  it('should raise a DECISION_EVALUATION_ERROR incident when the evaluation fails, and complete after the variables are fixed and the incident resolved', async () => {
    // given: a rebuild case in the east matches two rules of a UNIQUE table
    const instance = await harness.client.createProcessInstance({ bpmnProcessId: 'route-case', variables: { caseType: 'rebuild', area: 'east' } });
    // when
    const incident = await incidentOf(instance.processInstanceKey);
    // then
    expect(incident.value).toMatchObject({ errorType: 'DECISION_EVALUATION_ERROR', elementId: 'route' });
    expect((incident.value as { errorMessage: string }).errorMessage).toContain("Expected to evaluate decision 'office_route'");
    expect((incident.value as { errorMessage: string }).errorMessage).toContain("'r-rebuild', 'r-east'");
    const failed = eventsOf(harness, 'DECISION_EVALUATION', 'FAILED').find((r) => String((r.value as { processInstanceKey: number }).processInstanceKey) === instance.processInstanceKey)!;
    expect(failed.value).toMatchObject({ failedDecisionId: 'office_route', elementId: 'route' });
    const failedDecision = (failed.value as { evaluatedDecisions: { decisionId: string; evaluatedInputs: { inputValue: string }[]; matchedRules: unknown[] }[] }).evaluatedDecisions.at(-1)!;
    expect(failedDecision).toMatchObject({ decisionId: 'office_route', matchedRules: [] });
    expect(failedDecision.evaluatedInputs.map((input) => input.inputValue)).toEqual(['"rebuild"', '"east"']);
    // when the case is corrected and the incident resolved
    await harness.client.setVariables({ elementInstanceKey: instance.processInstanceKey, variables: { area: 'west' }, local: false });
    await harness.client.resolveIncident({ incidentKey: String(incident.key) });
    // then
    await completion(instance.processInstanceKey);
    const variables = eventsOf(harness, 'VARIABLE').filter((r) => String((r.value as { processInstanceKey: number }).processInstanceKey) === instance.processInstanceKey);
    expect(variables.map((r) => [(r.value as { name: string }).name, (r.value as { value: string }).value])).toContainEqual(['office', '"planning office"']);
  });

  it('should raise a CALLED_DECISION_ERROR incident for a decision not deployed, and complete once it is deployed and the incident resolved', async () => {
    // given
    await harness.deploy('later-case.bpmn', ruleProcess('later-case', businessRuleTask('waive', 'fee_waiver', 'waiver')));
    const instance = await harness.client.createProcessInstance({ bpmnProcessId: 'later-case', variables: { income: 900 } });
    const incident = await incidentOf(instance.processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'CALLED_DECISION_ERROR', errorMessage: "Expected to evaluate decision 'fee_waiver', but no decision found for id 'fee_waiver'" });
    // when
    await deployDmn(harness.client, 'waiver.dmn', dmnXml('waiver', [literalDecision('fee_waiver', 'income < 1500')]));
    await harness.client.resolveIncident({ incidentKey: String(incident.key) });
    // then
    await completion(instance.processInstanceKey);
    const waiver = eventsOf(harness, 'VARIABLE', 'CREATED').find(
      (r) => String((r.value as { processInstanceKey: number }).processInstanceKey) === instance.processInstanceKey && (r.value as { name: string }).name === 'waiver',
    );
    expect((waiver?.value as { value: string }).value).toBe('true');
  });

  it('should route every case of a list with a parallel multi-instance business rule task', async () => {
    // given
    const loop =
      '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=cases" inputElement="c" ' +
      'outputCollection="offices" outputElement="=office" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>';
    const task = businessRuleTask('route-each', 'office_route', 'office', { extensions: io([['=c.type', 'caseType'], ['=c.area', 'area']]) }).replace(
      '</bpmn:businessRuleTask>',
      `${loop}</bpmn:businessRuleTask>`,
    );
    await harness.deploy('route-all.bpmn', ruleProcess('route-all', task));
    const cases = [
      { type: 'rebuild', area: 'west' },
      { type: 'permit', area: 'east' },
      { type: 'permit', area: 'north' },
    ];
    // when
    const result = await harness.client.createProcessInstanceWithResult({ bpmnProcessId: 'route-all', variables: { cases }, requestTimeout: 5_000 });
    // then
    expect(result.variables.offices).toEqual(['planning office', 'east street office', 'service hall']);
    const evaluations = eventsOf(harness, 'DECISION_EVALUATION', 'EVALUATED').filter(
      (r) => String((r.value as { processInstanceKey: number }).processInstanceKey) === result.processInstanceKey,
    );
    expect(evaluations).toHaveLength(3);
  });

  it('should raise an EXTRACT_VALUE_ERROR incident when the decision id expression is not a string', async () => {
    // given
    await harness.deploy('bad-id-case.bpmn', ruleProcess('bad-id-case', businessRuleTask('pick', '=count', 'x')));
    // when
    const instance = await harness.client.createProcessInstance({ bpmnProcessId: 'bad-id-case', variables: { count: 3 } });
    // then
    const incident = await incidentOf(instance.processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'pick' });
  });
});
