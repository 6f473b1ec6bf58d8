import type { Variables } from '../types.ts';

/** Outcome of the fast path: a value, or undefined when feelin must decide. */
export type FastResult = { readonly value: unknown } | undefined;

const PATH = /^[a-zA-Z_][a-zA-Z0-9_]*(\.[a-zA-Z_][a-zA-Z0-9_]*)*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const SIMPLE_STRING = /^"[^"\\\n\r]*"$/;
const KEYWORDS = new Set([
  'true', 'false', 'null', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies',
  'and', 'or', 'between', 'instance', 'of', 'function', 'external', 'not',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

const STRING_LIST = /^\[\s*(?:"[^"\\\n\r]*"\s*(?:,\s*"[^"\\\n\r]*"\s*)*)?\]$/;
const AND = /\s+and\s+/;
const OR = /\s+or\s+/;

/** `[ "a", "b" ]` — a list of simple string literals (candidate users/groups). */
function evaluateStringList(text: string): FastResult {
  if (!STRING_LIST.test(text)) return undefined;
  return { value: [...text.matchAll(/"([^"]*)"/g)].map((match) => match[1]) };
}

/**
 * `a and b and c` or `a or b` (not mixed) whose parts are all certain booleans by the fast path;
 * a split inside a quoted string leaves a part that does not match, so it falls back.
 */
function evaluateLogical(text: string, variables: Variables): FastResult {
  const hasAnd = AND.test(text);
  const hasOr = OR.test(text);
  if (hasAnd === hasOr) return undefined;
  const values: boolean[] = [];
  for (const part of text.split(hasAnd ? AND : OR)) {
    const result = evaluateFast(part, variables);
    if (result === undefined || typeof result.value !== 'boolean') return undefined;
    values.push(result.value);
  }
  return { value: hasAnd ? values.every(Boolean) : values.some(Boolean) };
}

const COMPARISON =
  /^([a-zA-Z_][a-zA-Z0-9_]*(?:\.[a-zA-Z_][a-zA-Z0-9_]*)*)\s*(!=|<=|>=|=|<|>)\s*(-?\d+(?:\.\d+)?|"[^"\\\n\r]*"|true|false)$/;

/**
 * `path <op> literal` with both sides of one primitive type — the usual gateway condition
 * (`approved = true`, `amount > 1000`, `decision = "退回"`). Undefined when not certain.
 */
function evaluateComparison(text: string, variables: Variables): FastResult {
  const match = COMPARISON.exec(text);
  if (!match) return undefined;
  const [, path, operator, literal] = match;
  const left = evaluateFast(path, variables);
  const right = evaluateFast(literal, variables);
  if (left === undefined || right === undefined) return undefined;
  const a = left.value;
  const b = right.value;
  if (typeof a === 'number' && typeof b === 'number') {
    switch (operator) {
      case '=': return { value: a === b };
      case '!=': return { value: a !== b };
      case '<': return { value: a < b };
      case '<=': return { value: a <= b };
      case '>': return { value: a > b };
      case '>=': return { value: a >= b };
    }
  }
  if ((typeof a === 'string' && typeof b === 'string') || (typeof a === 'boolean' && typeof b === 'boolean')) {
    if (operator === '=') return { value: a === b };
    if (operator === '!=') return { value: a !== b };
  }
  return undefined;
}

/**
 * Evaluates the commonest FEEL shapes without the FEEL parser: literals (`true`, `12`, `"text"`)
 * variable paths (`applicant.address.village`, including FEEL's mapping of a path over a list
 * of contexts), lists of string literals, a path compared with a literal of the same primitive
 * type, and `and`/`or` chains of such comparisons. Only answers when the result is certain and warning-free; anything else (a
 * missing variable, a non-context on the way) returns undefined so feelin evaluates it and
 * reports its warnings. Keeps mappings and job types cheap at high instance rates.
 */
export function evaluateFast(expression: string, variables: Variables): FastResult {
  const text = expression.trim();
  if (text === 'true' || text === 'false') return { value: text === 'true' };
  if (text === 'null') return { value: null };
  if (NUMBER.test(text)) return { value: Number(text) };
  if (SIMPLE_STRING.test(text)) return { value: text.slice(1, -1) };
  if (!PATH.test(text)) {
    return evaluateStringList(text) ?? evaluateComparison(text, variables) ?? evaluateLogical(text, variables);
  }
  const [head, ...rest] = text.split('.');
  if (KEYWORDS.has(head) || rest.some((segment) => KEYWORDS.has(segment))) return undefined;
  if (!Object.hasOwn(variables, head)) return undefined;
  let current: unknown = variables[head];
  for (const segment of rest) {
    const next = step(current, segment);
    if (next === undefined) return undefined;
    current = next.value;
  }
  return { value: current };
}

function step(value: unknown, key: string): FastResult {
  if (isPlainObject(value)) return Object.hasOwn(value, key) ? { value: value[key] } : undefined;
  if (Array.isArray(value)) {
    const mapped: unknown[] = [];
    for (const item of value) {
      if (!isPlainObject(item) || !Object.hasOwn(item, key)) return undefined;
      mapped.push(item[key]);
    }
    return { value: mapped };
  }
  return undefined;
}
