/** Deploying DMN resources: records, metadata, versions, duplicates, and invalid DMN rejected with the decision named. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processXml, serviceTask, start, end, flow } from '../engine/support/bpmn-builder.ts';
import { startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { decisionsOf, deployDmn, deployTogether, drgOf, eventsOf, failureOf } from './support/decision-harness.ts';
import { businessRuleTask, dmnXml, literalDecision, tableDecision } from './support/dmn-builder.ts';

const table = (id: string, entry = '"rebuild"') =>
  tableDecision(id, {
    inputs: [{ id: `${id}-in`, expression: 'caseType' }],
    outputs: [{ id: `${id}-out`, name: 'office' }],
    rules: [{ id: `${id}-r1`, inputs: [entry], outputs: ['"street"'] }],
  });

describe('deploying decisions', () => {
  let harness: EngineHarness;

  beforeAll(async () => {
    harness = await startHarness({}, 'streetflow-dmn-deploy-');
  });

  afterAll(async () => {
    await harness.close();
  });

  it('should deploy a DRG with its decisions and answer their metadata', async () => {
    // when
    const result = await deployDmn(harness.client, 'routing.dmn', dmnXml('routing', [table('office'), literalDecision('fee', '10')], 'Routing'));
    // then
    const decisions = decisionsOf(result);
    const requirements = drgOf(result);
    expect(decisions.map((d) => [d.dmnDecisionId, d.version, d.dmnDecisionRequirementsId])).toEqual([
      ['office', 1, 'routing'],
      ['fee', 1, 'routing'],
    ]);
    expect(requirements).toMatchObject({ dmnDecisionRequirementsId: 'routing', dmnDecisionRequirementsName: 'Routing', version: 1, resourceName: 'routing.dmn' });
    for (const decision of decisions) expect(decision.decisionRequirementsKey).toBe(requirements.decisionRequirementsKey);
    const created = eventsOf(harness, 'DECISION', 'CREATED').map((r) => r.value as { decisionId: string; decisionKey: number; deploymentKey: number });
    expect(created.map((d) => d.decisionId)).toEqual(['office', 'fee']);
    expect(created.map((d) => String(d.decisionKey))).toEqual(decisions.map((d) => String(d.decisionKey)));
    expect(created.every((d) => String(d.deploymentKey) === String(result.key))).toBe(true);
    const drg = eventsOf(harness, 'DECISION_REQUIREMENTS', 'CREATED')[0]!.value as { resource: string; checksum: string; namespace: string };
    expect(drg.resource).toContain('<decision id="office"');
    expect(drg.checksum).toMatch(/^[0-9a-f]{32}$/);
    expect(drg.namespace).toBe('http://streetflow.local/dmn');
    const deployment = eventsOf(harness, 'DEPLOYMENT', 'CREATED').at(-1)!.value as { decisionsMetadata: unknown[]; decisionRequirementsMetadata: unknown[] };
    expect(deployment.decisionsMetadata).toHaveLength(2);
    expect(deployment.decisionRequirementsMetadata).toHaveLength(1);
  });

  it('should keep versions and keys when the same DMN is deployed again, and give new versions when it changed', async () => {
    // given
    const first = await deployDmn(harness.client, 'versions.dmn', dmnXml('versions', [table('versioned')]));
    const before = eventsOf(harness, 'DECISION', 'CREATED').length;
    // when
    const same = await deployDmn(harness.client, 'versions.dmn', dmnXml('versions', [table('versioned')]));
    const changed = await deployDmn(harness.client, 'versions.dmn', dmnXml('versions', [table('versioned', '"permit"')]));
    // then
    const decisionOf = (result: typeof first) => decisionsOf(result)[0]!;
    expect(decisionOf(same)).toEqual(decisionOf(first));
    expect(eventsOf(harness, 'DECISION', 'CREATED').length).toBe(before + 1);
    expect(decisionOf(changed).version).toBe(2);
    expect(decisionOf(changed).decisionKey).not.toBe(decisionOf(first).decisionKey);
    expect(drgOf(changed).version).toBe(2);
    const latest = await harness.client.evaluateDecision({ decisionId: 'versioned', variables: { caseType: 'permit' } } as never);
    expect(latest.decisionVersion).toBe(2);
    expect(JSON.parse(latest.decisionOutput)).toBe('street');
  });

  it('should version a decision per decision id when it moves into a new DRG version with other decisions', async () => {
    // given
    await deployDmn(harness.client, 'grow.dmn', dmnXml('grow', [table('growA')]));
    // when
    const grown = await deployDmn(harness.client, 'grow.dmn', dmnXml('grow', [table('growA'), table('growB')]));
    // then
    const versions = decisionsOf(grown).map((d) => [d.dmnDecisionId, d.version]);
    expect(versions).toEqual([
      ['growA', 2],
      ['growB', 1],
    ]);
  });

  it('should reject a decision id that is already deployed in another DRG', async () => {
    // given
    await deployDmn(harness.client, 'owner.dmn', dmnXml('owner', [table('owned')]));
    // when
    const failure = await failureOf(deployDmn(harness.client, 'thief.dmn', dmnXml('thief', [table('owned')])));
    // then
    expect(failure.message).toContain('INVALID_ARGUMENT');
    expect(failure.message).toContain("'owned'");
    expect(failure.message).toContain("decision requirements 'owner'");
  });

  it('should reject two resources of one deployment that define the same DRG id', async () => {
    // when
    const failure = await failureOf(deployTogether(harness.broker.address, { 'one.dmn': dmnXml('twin', [table('twinA')]), 'two.dmn': dmnXml('twin', [table('twinB')]) }));
    // then
    expect(failure.message).toContain('INVALID_ARGUMENT');
    expect(failure.message).toContain("duplicated id 'twin' in the resources 'one.dmn' and 'two.dmn'");
  });

  const invalid: { name: string; xml: string; element: string; text: string }[] = [
    {
      name: 'bad FEEL in an input entry',
      xml: dmnXml('bad1', [table('badEntry', '> > 5 <')]),
      element: 'badEntry',
      text: "Rule 'badEntry-r1' input entry 1: failed to parse unary tests",
    },
    {
      name: 'an unknown hit policy',
      xml: dmnXml('bad2', [tableDecision('badPolicy', { hitPolicy: 'SOMETIMES', inputs: [], outputs: [{ id: 'bp-o', name: 'o' }], rules: [] })]),
      element: 'badPolicy',
      text: "Unknown hit policy 'SOMETIMES'",
    },
    {
      name: 'a missing required decision',
      xml: dmnXml('bad3', [literalDecision('needy', 'ghost + 1', { requires: ['ghost'] })]),
      element: 'needy',
      text: "Missing required decision 'ghost' of decision 'needy'",
    },
    {
      name: 'bad FEEL in a literal expression',
      xml: dmnXml('bad4', [literalDecision('badLiteral', 'if then else')]),
      element: 'badLiteral',
      text: 'Literal expression: failed to parse expression',
    },
    {
      name: 'bad FEEL in an output entry',
      xml: dmnXml('bad5', [tableDecision('badOutput', { inputs: [], outputs: [{ id: 'bo-o', name: 'o' }], rules: [{ id: 'bo-r1', inputs: [], outputs: ['1 +'] }] })]),
      element: 'badOutput',
      text: "Rule 'bo-r1' output entry 1: failed to parse expression",
    },
    {
      name: 'a rule with too few input entries',
      xml: dmnXml('bad6', [tableDecision('short', { inputs: [{ id: 's-a', expression: 'a' }, { id: 's-b', expression: 'b' }], outputs: [{ id: 's-o', name: 'o' }], rules: [{ id: 's-r1', inputs: ['1'], outputs: ['1'] }] })]),
      element: 'short',
      text: "Rule 's-r1' has 1 input entries, but the table has 2 inputs",
    },
    {
      name: 'an aggregation with another hit policy',
      xml: dmnXml('bad7', [tableDecision('badAggregation', { hitPolicy: 'FIRST', aggregation: 'SUM', inputs: [], outputs: [{ id: 'ba-o', name: 'o' }], rules: [] })]),
      element: 'badAggregation',
      text: 'only allowed with the COLLECT hit policy',
    },
    {
      name: 'cyclic requirements',
      xml: dmnXml('bad8', [literalDecision('chicken', 'egg', { requires: ['egg'] }), literalDecision('egg', 'chicken', { requires: ['chicken'] })]),
      element: 'chicken',
      text: 'requires itself',
    },
  ];
  for (const model of invalid) {
    it(`should reject DMN with ${model.name}, naming decision '${model.element}'`, async () => {
      // when
      const failure = await failureOf(deployDmn(harness.client, `${model.name}.dmn`, model.xml));
      // then
      expect(failure.message).toContain('INVALID_ARGUMENT');
      expect(failure.message).toContain(`Element: ${model.element}`);
      expect(failure.message).toContain(model.text);
    });
  }

  it('should reject unreadable DMN XML', async () => {
    // when
    const failure = await failureOf(deployDmn(harness.client, 'broken.dmn', '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision'));
    // then
    expect(failure.message).toContain("'broken.dmn': Failed to read the DMN XML");
  });

  it('should reject a business rule task without calledDecision or taskDefinition, naming the element', async () => {
    // given
    const xml = processXml('brt-none', [start(), '<bpmn:businessRuleTask id="decide" />', end(), flow('f1', 'start', 'decide'), flow('f2', 'decide', 'end')].join('\n'));
    // when
    const failure = await failureOf(harness.deploy('brt-none.bpmn', xml));
    // then
    expect(failure.message).toContain('Element: decide');
    expect(failure.message).toContain("Must have either one 'zeebe:calledDecision' or one 'zeebe:taskDefinition' extension element");
  });

  it('should reject an unknown binding type and a deployment binding to a decision outside the deployment', async () => {
    // given
    const badBinding = processXml('brt-binding', [start(), businessRuleTask('decide', 'office', 'r', { bindingType: 'newest' }), end(), flow('f1', 'start', 'decide'), flow('f2', 'decide', 'end')].join('\n'));
    const outside = processXml('brt-outside', [start(), businessRuleTask('pick', 'office', 'r', { bindingType: 'deployment' }), end(), flow('f1', 'start', 'pick'), flow('f2', 'pick', 'end')].join('\n'));
    // when
    const bindingFailure = await failureOf(harness.deploy('brt-binding.bpmn', badBinding));
    const outsideFailure = await failureOf(harness.deploy('brt-outside.bpmn', outside));
    // then
    expect(bindingFailure.message).toContain('Element: decide');
    expect(bindingFailure.message).toContain("Attribute 'bindingType' must be one of");
    expect(outsideFailure.message).toContain('Element: pick');
    expect(outsideFailure.message).toContain("Expected to find decision with id 'office' in current deployment, but not found.");
  });

  it('should keep a business rule task with a task definition a job worker task', async () => {
    // given
    const xml = processXml('brt-job', [start(), serviceTask('rules', 'external-rules', { tag: 'businessRuleTask' }), end(), flow('f1', 'start', 'rules'), flow('f2', 'rules', 'end')].join('\n'));
    await harness.deploy('brt-job.bpmn', xml);
    // when
    const instance = await harness.client.createProcessInstance({ bpmnProcessId: 'brt-job', variables: {} });
    const jobs = await harness.client.activateJobs({ type: 'external-rules', worker: 'w', maxJobsToActivate: 1, timeout: 10_000, requestTimeout: 2_000 });
    // then
    expect(jobs.map((j) => j.processInstanceKey)).toEqual([instance.processInstanceKey]);
    expect(jobs[0]!.elementId).toBe('rules');
  });
});
