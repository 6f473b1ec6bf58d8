import { checkFeelSyntax, parseExpression } from '../feel/expression.ts';
import type { Expression } from '../types.ts';

/** Rules for one expression-valued attribute, after Zeebe's ZeebeExpressionValidator. */
export interface ExpressionRules {
  /** Absent is a problem ("Expected expression but not found."). */
  readonly mandatory?: boolean;
  /** Must be FEEL (start with `=`). */
  readonly nonStatic?: boolean;
  /** When static, the value must satisfy this; `description` completes "Expected static value to …". */
  readonly ifStatic?: { readonly test: (value: string) => boolean; readonly description: string };
}

/** Checks an attribute value; returns the problems (empty when fine). */
export function checkExpression(source: string | undefined, rules: ExpressionRules): string[] {
  if (source === undefined) {
    return rules.mandatory ? ['Expected expression but not found.'] : [];
  }
  const expression: Expression = parseExpression(source);
  if (expression.kind === 'feel') {
    const syntax = checkFeelSyntax(expression.expression);
    return syntax === undefined ? [] : [syntax];
  }
  if (rules.nonStatic) {
    return [
      `Expected expression but found static value '${source}'. An expression must start with '=' (e.g. '=${source}').`,
    ];
  }
  if (rules.ifStatic && !rules.ifStatic.test(source)) {
    return [`Expected static value to ${rules.ifStatic.description}, but found '${source}'.`];
  }
  return [];
}

const PATH_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*(\.[a-zA-Z_][a-zA-Z0-9_]*)*$/;
const PATH_PATTERN_TEXT = '[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*';
const RESERVED_WORDS = ['null', 'true', 'false', 'function', 'if', 'then', 'else', 'for', 'between', 'instance', 'of'];

/** Checks a mapping target / result variable path as Zeebe does. */
export function checkPath(path: string | undefined): string[] {
  if (path === undefined || path === '') return ['Expected path expression but not found.'];
  const problems: string[] = [];
  if (!PATH_PATTERN.test(path)) {
    problems.push(`Expected path expression '${path}' but doesn't match the pattern '${PATH_PATTERN_TEXT}'.`);
  }
  if (RESERVED_WORDS.includes(path)) {
    problems.push(
      `Expected path expression '${path}' but is one of the reserved words (${RESERVED_WORDS.join(', ')}).`,
    );
  }
  return problems;
}

/** "Attribute 'x' must be present and not empty" when the value is missing or empty. */
export function checkNonEmpty(value: string | undefined, attribute: string): string[] {
  return value === undefined || value === '' ? [`Attribute '${attribute}' must be present and not empty`] : [];
}
