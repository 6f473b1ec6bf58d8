/** Decision tables through EvaluateDecision (zeebe-node over gRPC): every hit policy, inputs, outputs, matched rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { deployDmn } from './support/decision-harness.ts';
import { dmnXml, tableDecision, type TableOptions } from './support/dmn-builder.ts';

/** Routing by case type and area: which office gets the case (several rules may match). */
function routing(id: string, hitPolicy: string): TableOptions {
  return {
    hitPolicy,
    inputs: [
      { id: `${id}_caseType`, expression: 'caseType', label: 'Case type' },
      { id: `${id}_area`, expression: 'area' },
    ],
    outputs: [{ id: `${id}_office`, name: 'office', values: '"district","street","village"' }],
    rules: [
      { id: `${id}_rebuild-any`, inputs: ['"rebuild"', '-'], outputs: ['"village"'] },
      { id: `${id}_rebuild-east`, inputs: ['"rebuild"', '"east"'], outputs: ['"street"'] },
      { id: `${id}_large`, inputs: ['-', '"east","west"'], outputs: ['"district"'] },
    ],
  };
}

/** Rule ids without the decision prefix. */
const ruleIds = (rules: { ruleId: string }[]): string[] => rules.map((rule) => rule.ruleId.split('_')[1]!);

describe('decision table hit policies', () => {
  let harness: EngineHarness;
  const policies: Record<string, string> = {
    unique: 'UNIQUE',
    first: 'FIRST',
    priority: 'PRIORITY',
    anyPolicy: 'ANY',
    collect: 'COLLECT',
    ruleOrder: 'RULE ORDER',
    outputOrder: 'OUTPUT ORDER',
  };

  beforeAll(async () => {
    harness = await startHarness({}, 'streetflow-dmn-hit-');
    const decisions = Object.entries(policies).map(([id, policy]) => tableDecision(id, routing(id, policy)));
    const fees = (id: string, aggregation: string) =>
      tableDecision(id, {
        hitPolicy: 'COLLECT',
        aggregation,
        inputs: [{ id: `${id}-amount`, expression: 'amount' }],
        outputs: [{ id: `${id}-fee`, name: 'fee' }],
        rules: [
          { id: `${id}-base`, inputs: ['-'], outputs: ['10'] },
          { id: `${id}-large`, inputs: ['> 1000'], outputs: ['amount * 0.01'] },
          { id: `${id}-huge`, inputs: ['>= 10000'], outputs: ['50'] },
        ],
      });
    decisions.push(fees('feeSum', 'SUM'), fees('feeMin', 'MIN'), fees('feeMax', 'MAX'), fees('feeCount', 'COUNT'));
    decisions.push(
      tableDecision('waiver', {
        inputs: [
          { id: 'income', expression: 'income' },
          { id: 'disabled', expression: 'disabled' },
        ],
        outputs: [
          { id: 'waived', name: 'waived' },
          { id: 'reason', name: 'reason' },
        ],
        rules: [
          { id: 'low-income', inputs: ['< 1500', 'false'], outputs: ['true', '"low income"'] },
          { id: 'disability', inputs: ['-', 'true'], outputs: ['true', '"disability"'] },
          { id: 'none', inputs: ['>= 1500', 'false'], outputs: ['false', ''] },
        ],
      }),
    );
    await deployDmn(harness.client, 'routing.dmn', dmnXml('routing', decisions));
  });

  afterAll(async () => {
    await harness.close();
  });

  const evaluate = (decisionId: string, variables: Record<string, unknown>) => harness.client.evaluateDecision({ decisionId, variables } as never);

  it('should return the one matching rule for UNIQUE and fail when two rules match', async () => {
    // when
    const one = await evaluate('unique', { caseType: 'permit', area: 'west' });
    const none = await evaluate('unique', { caseType: 'permit', area: 'north' });
    const two = await evaluate('unique', { caseType: 'rebuild', area: 'north' });
    // then
    expect(JSON.parse(one.decisionOutput)).toBe('district');
    expect(ruleIds(one.evaluatedDecisions[0]!.matchedRules)).toEqual(['large']);
    expect(JSON.parse(none.decisionOutput)).toBeNull();
    expect(none.failureMessage).toBe('');
    const failed = await evaluate('unique', { caseType: 'rebuild', area: 'east' });
    expect(failed.failedDecisionId).toBe('unique');
    expect(failed.failureMessage).toContain("Expected to evaluate decision 'unique'");
    expect(failed.failureMessage).toContain("'unique_rebuild-any', 'unique_rebuild-east', 'unique_large'");
    expect(JSON.parse(two.decisionOutput)).toBe('village');
  });

  it('should return the first matching rule in rule order for FIRST', async () => {
    // when
    const response = await evaluate('first', { caseType: 'rebuild', area: 'east' });
    // then
    expect(JSON.parse(response.decisionOutput)).toBe('village');
    expect(response.evaluatedDecisions[0]!.matchedRules).toEqual([
      { ruleId: 'first_rebuild-any', ruleIndex: 1, evaluatedOutputs: [{ outputId: 'first_office', outputName: 'office', outputValue: '"village"' }] },
    ]);
  });

  it('should return the output with the highest priority among the output values for PRIORITY', async () => {
    // when
    const response = await evaluate('priority', { caseType: 'rebuild', area: 'east' });
    const lower = await evaluate('priority', { caseType: 'rebuild', area: 'north' });
    // then
    expect(JSON.parse(response.decisionOutput)).toBe('district');
    expect(response.evaluatedDecisions[0]!.matchedRules.map((r) => r.ruleIndex)).toEqual([3]);
    expect(JSON.parse(lower.decisionOutput)).toBe('village');
  });

  it('should accept several matches with equal outputs for ANY and fail when they differ', async () => {
    // when
    const single = await evaluate('anyPolicy', { caseType: 'rebuild', area: 'north' });
    const conflicting = await evaluate('anyPolicy', { caseType: 'rebuild', area: 'east' });
    // then
    expect(JSON.parse(single.decisionOutput)).toBe('village');
    expect(conflicting.failedDecisionId).toBe('anyPolicy');
    expect(conflicting.failureMessage).toContain('ANY hit policy');
  });

  it('should return every matching output as a list for COLLECT and RULE ORDER, and [] when none match', async () => {
    // when
    const collect = await evaluate('collect', { caseType: 'rebuild', area: 'east' });
    const ruleOrder = await evaluate('ruleOrder', { caseType: 'rebuild', area: 'east' });
    const empty = await evaluate('ruleOrder', { caseType: 'permit', area: 'north' });
    // then
    expect(JSON.parse(collect.decisionOutput)).toEqual(['village', 'street', 'district']);
    expect(JSON.parse(ruleOrder.decisionOutput)).toEqual(['village', 'street', 'district']);
    expect(ruleOrder.evaluatedDecisions[0]!.matchedRules.map((r) => r.ruleIndex)).toEqual([1, 2, 3]);
    expect(JSON.parse(empty.decisionOutput)).toEqual([]);
  });

  it('should sort the outputs by the output values order for OUTPUT ORDER', async () => {
    // when
    const response = await evaluate('outputOrder', { caseType: 'rebuild', area: 'east' });
    // then
    expect(JSON.parse(response.decisionOutput)).toEqual(['district', 'street', 'village']);
    expect(ruleIds(response.evaluatedDecisions[0]!.matchedRules)).toEqual(['large', 'rebuild-east', 'rebuild-any']);
  });

  it('should aggregate COLLECT outputs with SUM, MIN, MAX and COUNT', async () => {
    // when
    const variables = { amount: 20000 };
    const [sum, min, max, count] = await Promise.all(['feeSum', 'feeMin', 'feeMax', 'feeCount'].map((id) => evaluate(id, variables)));
    const smallCount = await evaluate('feeCount', { amount: 5 });
    // then
    expect(JSON.parse(sum!.decisionOutput)).toBe(10 + 200 + 50);
    expect(JSON.parse(min!.decisionOutput)).toBe(10);
    expect(JSON.parse(max!.decisionOutput)).toBe(200);
    expect(JSON.parse(count!.decisionOutput)).toBe(3);
    expect(JSON.parse(smallCount.decisionOutput)).toBe(1);
  });

  it('should return a context of the outputs for a table with several outputs, with inputs and outputs evaluated', async () => {
    // when
    const response = await evaluate('waiver', { income: 1200, disabled: false });
    const noReason = await evaluate('waiver', { income: 3000, disabled: false });
    // then
    expect(JSON.parse(response.decisionOutput)).toEqual({ waived: true, reason: 'low income' });
    const evaluated = response.evaluatedDecisions[0]!;
    expect(evaluated.decisionType).toBe('DECISION_TABLE');
    expect(evaluated.evaluatedInputs).toEqual([
      { inputId: 'income', inputName: 'income', inputValue: '1200' },
      { inputId: 'disabled', inputName: 'disabled', inputValue: 'false' },
    ]);
    expect(evaluated.matchedRules[0]!.evaluatedOutputs).toEqual([
      { outputId: 'waived', outputName: 'waived', outputValue: 'true' },
      { outputId: 'reason', outputName: 'reason', outputValue: '"low income"' },
    ]);
    expect(JSON.parse(noReason.decisionOutput)).toEqual({ waived: false, reason: null });
  });

  it('should name the input by its label and treat a missing variable as null', async () => {
    // when
    const response = await evaluate('first', { area: 'west' });
    // then
    expect(response.evaluatedDecisions[0]!.evaluatedInputs[0]).toEqual({ inputId: 'first_caseType', inputName: 'Case type', inputValue: 'null' });
    expect(JSON.parse(response.decisionOutput)).toBe('district');
  });
});
