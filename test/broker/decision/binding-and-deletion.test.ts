/** Which decision version a business rule task evaluates (latest, deployment, versionTag), and DeleteResource of a DRG. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, processXml, start } from '../engine/support/bpmn-builder.ts';
import { startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { decisionsOf, deleteResource, deployDmn, deployTogether, drgOf, eventsOf, failureOf } from './support/decision-harness.ts';
import { businessRuleTask, dmnXml, literalDecision } from './support/dmn-builder.ts';

/** The waiver threshold decision; each version answers its own text. */
const threshold = (answer: string, tag?: string) => dmnXml('threshold-drg', [literalDecision('threshold', `"${answer}"`, { versionTag: tag })]);

function caseProcess(id: string, bindingType?: string, versionTag?: string): string {
  return processXml(id, [start(), businessRuleTask('check', 'threshold', 'rule', { bindingType, versionTag }), end(), flow('f1', 'start', 'check'), flow('f2', 'check', 'end')].join('\n'));
}

describe('decision binding and deletion', () => {
  let harness: EngineHarness;

  beforeAll(async () => {
    harness = await startHarness({}, 'streetflow-dmn-binding-');
  });

  afterAll(async () => {
    await harness.close();
  });

  const run = async (bpmnProcessId: string) =>
    (await harness.client.createProcessInstanceWithResult({ bpmnProcessId, variables: {}, requestTimeout: 5_000 })).variables.rule as unknown;

  it('should evaluate the latest version, the version deployed with the process, or the version with the tag', async () => {
    // given: v1 (tag 2024) deployed together with the deployment-bound process, then v2 (tag 2025) on its own
    await deployTogether(harness.broker.address, { 'threshold.dmn': threshold('rule of 2024', '2024'), 'bound.bpmn': caseProcess('bound-case', 'deployment') });
    await harness.deploy('latest.bpmn', caseProcess('latest-case'));
    await harness.deploy('tagged.bpmn', caseProcess('tagged-case', 'versionTag', '2024'));
    await deployDmn(harness.client, 'threshold.dmn', threshold('rule of 2025', '2025'));
    // when / then
    expect(await run('latest-case')).toBe('rule of 2025');
    expect(await run('bound-case')).toBe('rule of 2024');
    expect(await run('tagged-case')).toBe('rule of 2024');
  });

  it('should raise a CALLED_DECISION_ERROR incident when no version carries the tag', async () => {
    // given
    await harness.deploy('untagged.bpmn', caseProcess('untagged-case', 'versionTag', '1999'));
    // when
    const instance = await harness.client.createProcessInstance({ bpmnProcessId: 'untagged-case', variables: {} });
    // then
    const incident = await harness.waitForRecord(
      (r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === instance.processInstanceKey,
    );
    expect(incident.value).toMatchObject({ errorType: 'CALLED_DECISION_ERROR' });
    expect((incident.value as { errorMessage: string }).errorMessage).toContain("version tag '1999'");
  });

  it('should delete a DRG with its decisions, making the previous version the latest again', async () => {
    // given
    const v3 = await deployDmn(harness.client, 'threshold.dmn', threshold('rule of 2026'));
    expect(await run('latest-case')).toBe('rule of 2026');
    const drgKey = drgOf(v3).decisionRequirementsKey;
    const decisionKey = decisionsOf(v3)[0]!.decisionKey;
    // when
    await deleteResource(harness.broker.address, String(drgKey));
    // then
    expect(await run('latest-case')).toBe('rule of 2025');
    expect(eventsOf(harness, 'DECISION', 'DELETED').map((r) => String(r.key))).toEqual([String(decisionKey)]);
    expect(eventsOf(harness, 'DECISION_REQUIREMENTS', 'DELETED').map((r) => String(r.key))).toEqual([String(drgKey)]);
    const byKey = await failureOf(harness.client.evaluateDecision({ decisionKey: String(decisionKey), variables: {} } as never));
    expect(byKey.message).toContain('NOT_FOUND');
    const again = await failureOf(deleteResource(harness.broker.address, String(drgKey)));
    expect(again.message).toContain('NOT_FOUND');
    // a new deployment does not reuse the deleted version number
    const v4 = await deployDmn(harness.client, 'threshold.dmn', threshold('rule of 2027'));
    expect(decisionsOf(v4)[0]!.version).toBe(4);
  });
});
