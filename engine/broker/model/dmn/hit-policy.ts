/**
 * Applies a decision table's hit policy to its matched rules: which rules count (the matched rules
 * Zeebe reports) and the table's result — one rule's output (UNIQUE, FIRST, PRIORITY, ANY; null when
 * none matched), a list of outputs (COLLECT, RULE ORDER, OUTPUT ORDER; [] when none matched) or an
 * aggregate of one output column (COLLECT with SUM, MIN, MAX, COUNT).
 */
import { isDeepStrictEqual } from 'node:util';
import type { DecisionTableLogic } from './dmn-types.ts';
import { DecisionEvaluationError } from './errors.ts';
import type { MatchedRule } from './evaluation-types.ts';
import { listedValues, type DecisionContext } from './feel-eval.ts';

/** A matched rule with its result value (the output, or the context of outputs). */
export interface RuleHit {
  readonly rule: MatchedRule;
  readonly value: unknown;
}

/** The hits that count and the table's result. */
export interface HitPolicyResult {
  readonly hits: readonly RuleHit[];
  readonly output: unknown;
}

/** Applies the table's hit policy to its matched rules (in rule order). */
export function applyHitPolicy(decisionId: string, table: DecisionTableLogic, matched: readonly RuleHit[], context: DecisionContext): HitPolicyResult {
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        throw new DecisionEvaluationError(
          decisionId,
          `Expected at most one rule to match for the UNIQUE hit policy, but ${matched.length} rules matched: ${ruleIds(matched)}`,
        );
      }
      return single(matched[0]);
    case 'FIRST':
      return single(matched[0]);
    case 'ANY': {
      const different = matched.find((hit) => !isDeepStrictEqual(hit.value, matched[0]!.value));
      if (different) {
        throw new DecisionEvaluationError(
          decisionId,
          `Expected every matched rule to have the same output for the ANY hit policy, but rules ${ruleIds(matched)} have different outputs`,
        );
      }
      return single(matched[0]);
    }
    case 'PRIORITY':
      return single(byPriority(decisionId, table, matched, context)[0]);
    case 'RULE ORDER':
      return { hits: matched, output: matched.map((hit) => hit.value) };
    case 'OUTPUT ORDER': {
      const ordered = byPriority(decisionId, table, matched, context);
      return { hits: ordered, output: ordered.map((hit) => hit.value) };
    }
    case 'COLLECT':
      return { hits: matched, output: table.aggregation ? aggregate(decisionId, table.aggregation, matched.map((hit) => hit.value)) : matched.map((hit) => hit.value) };
  }
}

function single(hit: RuleHit | undefined): HitPolicyResult {
  return hit ? { hits: [hit], output: hit.value } : { hits: [], output: null };
}

function ruleIds(hits: readonly RuleHit[]): string {
  return hits.map((hit) => `'${hit.rule.ruleId}'`).join(', ');
}

/**
 * Sorts hits by the priority of their outputs: for each output column in order, the position of the
 * rule's value in the column's `outputValues` (values not listed come last); ties keep rule order.
 */
function byPriority(decisionId: string, table: DecisionTableLogic, hits: readonly RuleHit[], context: DecisionContext): RuleHit[] {
  const lists = table.outputs.map((output) => (output.outputValues ? listedValues(decisionId, output.outputValues, context) : []));
  if (lists.every((list) => list.length === 0)) {
    throw new DecisionEvaluationError(decisionId, `Expected output values (priorities) on an output for the ${table.hitPolicy} hit policy, but none are given`);
  }
  const rank = (hit: RuleHit): number[] =>
    hit.rule.evaluatedOutputs.map((output, column) => {
      const position = (lists[column] ?? []).findIndex((listed) => isDeepStrictEqual(listed, output.outputValue));
      return position === -1 ? Number.MAX_SAFE_INTEGER : position;
    });
  return hits
    .map((hit, order) => ({ hit, order, rank: rank(hit) }))
    .sort((a, b) => {
      for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
      return a.order - b.order;
    })
    .map((entry) => entry.hit);
}

function aggregate(decisionId: string, aggregation: 'SUM' | 'MIN' | 'MAX' | 'COUNT', values: unknown[]): unknown {
  if (aggregation === 'COUNT') return values.length;
  if (values.length === 0) return null;
  const numbers = values.filter((value): value is number => typeof value === 'number');
  if (numbers.length !== values.length) {
    if (aggregation !== 'SUM' && values.every((value) => typeof value === 'string')) {
      const strings = [...(values as string[])].sort();
      return aggregation === 'MIN' ? strings[0] : strings[strings.length - 1];
    }
    throw new DecisionEvaluationError(
      decisionId,
      `Expected only numbers to aggregate with ${aggregation} for the COLLECT hit policy, but found ${JSON.stringify(values.find((value) => typeof value !== 'number'))}`,
    );
  }
  if (aggregation === 'SUM') return numbers.reduce((sum, value) => sum + value, 0);
  return aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
}
