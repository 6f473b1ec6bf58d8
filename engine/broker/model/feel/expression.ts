import { parseExpression as parseFeel } from 'feelin';
import type { Expression, FeelExpression } from '../types.ts';
import { functionsUsedBy } from './camunda-functions.ts';

/**
 * Turns a model attribute into an {@link Expression}: text starting with `=` is FEEL
 * (the `=` is stripped for feelin), anything else is a static value — as Zeebe reads it.
 */
export function parseExpression(source: string): Expression {
  const trimmed = source.trimStart();
  if (trimmed.startsWith('=')) {
    return { kind: 'feel', source, expression: trimmed.slice(1).trim() };
  }
  return { kind: 'static', source, value: source };
}

/** A FEEL expression built from text without the leading `=` (conditions, scripts). */
export function feelExpression(source: string): FeelExpression {
  const trimmed = source.trim();
  const expression = trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
  return { kind: 'feel', source, expression };
}

/**
 * Checks the syntax of a FEEL expression (without `=`) with feelin's parser.
 * Returns undefined when it parses, or Zeebe-style "failed to parse expression …" text.
 */
export function checkFeelSyntax(expression: string): string | undefined {
  if (expression.trim() === '') {
    return `failed to parse expression '${expression}': the expression is empty`;
  }
  const tree = parseFeel(expression, functionsUsedBy(expression), undefined);
  let problem: string | undefined;
  tree.iterate({
    enter(node) {
      if (problem !== undefined) return false;
      if (!node.type.isError) return undefined;
      const parentName = node.node.parent?.name ?? 'Expression';
      if (node.from < node.to) {
        problem = `unexpected '${expression.slice(node.from, node.to)}' in ${parentName} at position ${node.from}`;
      } else if (node.from >= expression.trimEnd().length) {
        problem = `unexpected end of expression, incomplete ${parentName} at position ${node.from}`;
      } else {
        const rest = expression.slice(node.from).trimStart().split(/\s/)[0];
        problem = `unexpected '${rest}' in ${parentName} at position ${node.from}`;
      }
      return false;
    },
  });
  return problem === undefined ? undefined : `failed to parse expression '${expression}': ${problem}`;
}
