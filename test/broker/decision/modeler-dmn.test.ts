/** A DRD as Camunda Modeler saves it (DMNDI, input data, knowledge source, Chinese names, empty entries) deploys and evaluates. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { decisionsOf } from './support/decision-harness.ts';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fee-waiver.dmn');

describe('a DMN file saved by Camunda Modeler', () => {
  let harness: EngineHarness;

  beforeAll(async () => {
    harness = await startHarness({}, 'streetflow-dmn-modeler-');
  });

  afterAll(async () => {
    await harness.close();
  });

  it('should deploy with its diagram, input data and knowledge source, and evaluate the fee waiver', async () => {
    // given a Modeler file with its diagram
    expect(await readFile(fixture, 'utf8')).toContain('dmndi:DMNDI');
    // when
    const deployed = await harness.client.deployResource({ decisionFilename: fixture });
    const low = await harness.client.evaluateDecision({ decisionId: 'fee_waiver', variables: { applicant: { monthlyIncome: 800, disabled: false } } } as never);
    const disabled = await harness.client.evaluateDecision({ decisionId: 'fee_waiver', variables: { applicant: { monthlyIncome: 5000, disabled: true } } } as never);
    const none = await harness.client.evaluateDecision({ decisionId: 'fee_waiver', variables: { applicant: { monthlyIncome: 5000, disabled: false } } } as never);
    // then
    expect(decisionsOf(deployed).map((d) => [d.dmnDecisionId, d.dmnDecisionName])).toEqual([
      ['fee_waiver', '是否减免规费'],
      ['income_band', '收入档'],
    ]);
    expect(JSON.parse(low.decisionOutput)).toEqual({ waived: true, reason: '最低生活保障' });
    expect(low.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['income_band', 'fee_waiver']);
    expect(low.evaluatedDecisions[1]!.evaluatedInputs.map((i) => i.inputName)).toEqual(['收入档', '残疾']);
    expect(JSON.parse(disabled.decisionOutput)).toEqual({ waived: true, reason: '残疾人' });
    expect(JSON.parse(none.decisionOutput)).toEqual({ waived: false, reason: null });
  });

  it('should migrate a DMN 1.1 file (older Modelers) to DMN 1.3 and evaluate it', async () => {
    // when
    const deployed = await harness.client.deployResource({ decisionFilename: path.join(path.dirname(fixture), 'dmn11-season.dmn') });
    const response = await harness.client.evaluateDecision({ decisionId: 'dish', variables: { season: 'Winter' } } as never);
    // then
    expect(decisionsOf(deployed).map((d) => d.dmnDecisionId)).toEqual(['dish']);
    expect(JSON.parse(response.decisionOutput)).toBe('Roastbeef');
  });
});
