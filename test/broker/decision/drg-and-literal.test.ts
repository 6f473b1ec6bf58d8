/** Literal expression decisions and decision requirements graphs (required decisions) through EvaluateDecision. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { deployDmn, eventsOf, failureOf } from './support/decision-harness.ts';
import { dmnXml, literalDecision, tableDecision } from './support/dmn-builder.ts';

/**
 * Fee routing DRG: `feeWaiver` (table) requires `household` (literal) and `baseFee` (table);
 * `office` (table) requires `feeWaiver`. Evaluation order: household, baseFee, feeWaiver, office.
 */
const feeDrg = dmnXml('fees', [
  literalDecision('household', 'if members > 4 then "large" else "small"'),
  tableDecision('baseFee', {
    inputs: [{ id: 'bf-type', expression: 'caseType' }],
    outputs: [{ id: 'bf-fee', name: 'fee' }],
    rules: [
      { id: 'bf-rebuild', inputs: ['"rebuild"'], outputs: ['120'] },
      { id: 'bf-other', inputs: ['not("rebuild")'], outputs: ['30'] },
    ],
  }),
  tableDecision('feeWaiver', {
    hitPolicy: 'FIRST',
    requires: ['household', 'baseFee'],
    inputs: [
      { id: 'fw-household', expression: 'household' },
      { id: 'fw-fee', expression: 'baseFee' },
    ],
    outputs: [
      { id: 'fw-waived', name: 'waived' },
      { id: 'fw-due', name: 'due' },
    ],
    rules: [
      { id: 'fw-large', inputs: ['"large"', '-'], outputs: ['true', '0'] },
      { id: 'fw-cheap', inputs: ['-', '< 50'], outputs: ['true', '0'] },
      { id: 'fw-pay', inputs: ['-', '-'], outputs: ['false', 'baseFee'] },
    ],
  }),
  tableDecision('office', {
    requires: ['feeWaiver'],
    hitPolicy: 'FIRST',
    inputs: [{ id: 'of-waived', expression: 'feeWaiver.waived' }],
    outputs: [{ id: 'of-office', name: 'office' }],
    rules: [
      { id: 'of-social', inputs: ['true'], outputs: ['"social affairs office"'] },
      { id: 'of-cashier', inputs: ['false'], outputs: ['"cashier"'] },
    ],
  }),
  literalDecision('summary', 'office + " / " + string(amount)', { requires: ['office', 'amountOf'] }),
  literalDecision('amountOf', 'feeWaiver.due', { requires: ['feeWaiver'], variable: 'amount' }),
  literalDecision('broken', 'assert(amount, amount != null, "an amount is required")'),
  literalDecision('afterBroken', 'broken + 1', { requires: ['household', 'broken'] }),
]);

describe('decision requirements graphs and literal expressions', () => {
  let harness: EngineHarness;

  beforeAll(async () => {
    harness = await startHarness({}, 'streetflow-dmn-drg-');
    await deployDmn(harness.client, 'fees.dmn', feeDrg);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('should evaluate a literal expression decision to its value', async () => {
    // when
    const response = await harness.client.evaluateDecision({ decisionId: 'household', variables: { members: 6 } } as never);
    // then
    expect(JSON.parse(response.decisionOutput)).toBe('large');
    expect(response.evaluatedDecisions).toHaveLength(1);
    expect(response.evaluatedDecisions[0]).toMatchObject({ decisionId: 'household', decisionType: 'LITERAL_EXPRESSION', matchedRules: [], evaluatedInputs: [] });
  });

  it('should evaluate required decisions first, in dependency order, with their results visible by decision id', async () => {
    // when
    const response = await harness.client.evaluateDecision({ decisionId: 'office', variables: { members: 2, caseType: 'rebuild' } } as never);
    // then
    expect(response.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['household', 'baseFee', 'feeWaiver', 'office']);
    expect(JSON.parse(response.evaluatedDecisions[2]!.decisionOutput)).toEqual({ waived: false, due: 120 });
    expect(JSON.parse(response.decisionOutput)).toBe('cashier');
    expect(response.decisionRequirementsId).toBe('fees');
    for (const evaluated of response.evaluatedDecisions) expect(Number(evaluated.decisionKey)).toBeGreaterThan(0);
  });

  it('should make a decision result visible under its variable name and evaluate a shared requirement once', async () => {
    // when
    const response = await harness.client.evaluateDecision({ decisionId: 'summary', variables: { members: 5, caseType: 'permit' } } as never);
    // then
    expect(JSON.parse(response.decisionOutput)).toBe('social affairs office / 0');
    expect(response.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['household', 'baseFee', 'feeWaiver', 'office', 'amountOf', 'summary']);
  });

  it('should answer a failed evaluation with the failed decision and message and write DECISION_EVALUATION FAILED', async () => {
    // when
    const response = await harness.client.evaluateDecision({ decisionId: 'broken', variables: {} } as never);
    // then
    expect(response.failedDecisionId).toBe('broken');
    expect(response.failureMessage).toContain("Expected to evaluate decision 'broken'");
    expect(JSON.parse(response.decisionOutput)).toBeNull();
    expect(response.evaluatedDecisions.map((d) => [d.decisionId, d.decisionOutput])).toEqual([['broken', 'null']]);
    const failed = eventsOf(harness, 'DECISION_EVALUATION', 'FAILED').at(-1)!;
    expect(failed.value).toMatchObject({ decisionId: 'broken', failedDecisionId: 'broken', evaluationFailureMessage: response.failureMessage });
    expect(failed.key).toBeGreaterThan(0);
  });

  it('should name the required decision that failed and list it last after the ones evaluated before it', async () => {
    // when
    const response = await harness.client.evaluateDecision({ decisionId: 'afterBroken', variables: { members: 3 } } as never);
    // then
    expect(response.failedDecisionId).toBe('broken');
    expect(response.failureMessage).toContain("Expected to evaluate decision 'afterBroken', but its required decision 'broken' failed");
    expect(response.evaluatedDecisions.map((d) => [d.decisionId, d.decisionOutput])).toEqual([
      ['household', '"small"'],
      ['broken', 'null'],
    ]);
  });

  it('should write DECISION_EVALUATION EVALUATED with the variables, the output and every evaluated decision', async () => {
    // when
    const response = await harness.client.evaluateDecision({ decisionId: 'feeWaiver', variables: { members: 1, caseType: 'permit' } } as never);
    // then
    // (zeebe-node's proto predates decisionInstanceKey: the evaluation is the last EVALUATED record)
    const record = eventsOf(harness, 'DECISION_EVALUATION', 'EVALUATED').at(-1)!;
    expect(record.value).toMatchObject({ decisionKey: Number(response.decisionKey), decisionId: 'feeWaiver' });
    const value = record.value as { decisionOutput: string; variables: unknown; evaluatedDecisions: { decisionId: string }[]; processInstanceKey: number };
    expect(JSON.parse(value.decisionOutput)).toEqual({ waived: true, due: 0 });
    expect(value.variables).toEqual({ members: 1, caseType: 'permit' });
    expect(value.evaluatedDecisions.map((d) => d.decisionId)).toEqual(['household', 'baseFee', 'feeWaiver']);
    expect(value.processInstanceKey).toBe(-1);
  });

  it('should evaluate a decision by its key', async () => {
    // given
    const decision = (await harness.client.evaluateDecision({ decisionId: 'baseFee', variables: { caseType: 'x' } } as never));
    // when
    const byKey = await harness.client.evaluateDecision({ decisionKey: decision.decisionKey, variables: { caseType: 'rebuild' } } as never);
    // then
    expect(byKey.decisionId).toBe('baseFee');
    expect(JSON.parse(byKey.decisionOutput)).toBe(120);
  });

  it('should reject an unknown decision id or key with NOT_FOUND and a request without either with INVALID_ARGUMENT', async () => {
    // when
    const unknownId = await failureOf(harness.client.evaluateDecision({ decisionId: 'nope', variables: {} } as never));
    const unknownKey = await failureOf(harness.client.evaluateDecision({ decisionKey: '2251799813999999', variables: {} } as never));
    const neither = await failureOf(harness.client.evaluateDecision({ variables: {} } as never));
    // then
    expect(unknownId.message).toContain('NOT_FOUND');
    expect(unknownId.message).toContain("no decision found for id 'nope'");
    expect(unknownKey.message).toContain("no decision found for key '2251799813999999'");
    expect(neither.message).toContain('INVALID_ARGUMENT');
  });
});
