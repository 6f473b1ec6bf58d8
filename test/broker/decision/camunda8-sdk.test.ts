/**
 * DMN through the @camunda8/sdk Zeebe gRPC client (the newer client next to zeebe-node): one deployment of a
 * DMN file and a process bound to it with bindingType="deployment", EvaluateDecision with its
 * decisionInstanceKey, and DeleteResource of the DRG.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sdkZeebeClient, type ZeebeGrpcClient } from '../clients/support/sdk-client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, processXml, start } from '../engine/support/bpmn-builder.ts';
import { startTestBroker, type TestBroker } from '../clients/support/test-broker.ts';
import { businessRuleTask } from './support/dmn-builder.ts';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fee-waiver.dmn');
const caseModel = processXml(
  'sdk-waiver-case',
  [start(), businessRuleTask('waive', 'fee_waiver', 'waiver', { bindingType: 'deployment' }), end(), flow('f1', 'start', 'waive'), flow('f2', 'waive', 'end')].join('\n'),
);

describe('@camunda8/sdk with DMN decisions', () => {
  let tb: TestBroker;
  let zeebe: ZeebeGrpcClient;

  beforeAll(async () => {
    tb = await startTestBroker();
    zeebe = sdkZeebeClient(tb.address);
  });

  afterAll(async () => {
    await zeebe?.close(5_000);
    await tb?.stop();
  });

  it('should deploy a DMN file with a process, evaluate decisions and run the business rule task, then delete the DRG', async () => {
    // given
    const deployment = await zeebe.deployResources([{ decisionFilename: fixture }, { name: 'sdk-waiver-case.bpmn', process: Buffer.from(caseModel) }]);
    const entries = deployment.deployments as Record<string, { decisionRequirementsKey?: string; dmnDecisionId?: string }>[];
    const drgKey = entries.find((entry) => entry.decisionRequirements)!.decisionRequirements!.decisionRequirementsKey!;
    expect(entries.filter((entry) => entry.decision).map((entry) => entry.decision!.dmnDecisionId)).toEqual(['fee_waiver', 'income_band']);
    // when
    const evaluated = await zeebe.evaluateDecision({ decisionId: 'fee_waiver', variables: { applicant: { monthlyIncome: 600, disabled: false } } });
    const instance = await zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'sdk-waiver-case',
      variables: { applicant: { monthlyIncome: 9000, disabled: true } },
      requestTimeout: 5_000,
    });
    // then
    expect(JSON.parse(evaluated.decisionOutput)).toEqual({ waived: true, reason: '最低生活保障' });
    // (the SDK types omit decisionInstanceKey; its proto and the answer carry it)
    expect(Number((evaluated as { decisionInstanceKey?: string }).decisionInstanceKey)).toBeGreaterThan(0);
    expect(evaluated.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['income_band', 'fee_waiver']);
    expect(instance.variables.waiver).toEqual({ waived: true, reason: '残疾人' });
    // when the DRG is deleted
    await zeebe.deleteResource({ resourceKey: drgKey });
    // then
    await expect(zeebe.evaluateDecision({ decisionId: 'fee_waiver', variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });
});
