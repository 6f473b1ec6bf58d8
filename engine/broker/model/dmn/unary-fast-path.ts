/**
 * Fast path for the input entries most decision tables consist of (S-FEEL): `-`, string, number and
 * boolean literals, comparisons with a literal (`< 5`, `>= "m"`), numeric intervals (`[1..5]`, `]1..5[`),
 * comma-separated lists of these and `not(…)` of such a list. An entry is compiled once (cached by text)
 * into a matcher; a matcher answers only when the input value's type makes the result certain and
 * otherwise returns undefined, so feelin's `unaryTest` decides (same results, e.g. for temporal values).
 */
import { matchesAnything } from './check-feel.ts';

/** true / false when certain; undefined when feelin must decide. */
export type Matcher = (value: unknown) => boolean | undefined;

type Literal = string | number | boolean;

const STRING = /^"([^"\\\n\r]*)"$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const COMPARISON = /^(<=|>=|<|>)\s*(.+)$/;
const INTERVAL = /^([[\]()])\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*([[\]()])$/;

function literal(text: string): { readonly value: Literal } | undefined {
  const string = STRING.exec(text);
  if (string) return { value: string[1]! };
  if (NUMBER.test(text)) return { value: Number(text) };
  if (text === 'true' || text === 'false') return { value: text === 'true' };
  return undefined;
}

function equalTo(expected: Literal): Matcher {
  return (value) => {
    if (value === null) return false;
    return typeof value === typeof expected ? value === expected : undefined;
  };
}

function compare(operator: string, bound: string | number): Matcher {
  return (value) => {
    if (typeof value !== typeof bound) return undefined;
    const v = value as string | number;
    switch (operator) {
      case '<':
        return v < bound;
      case '<=':
        return v <= bound;
      case '>':
        return v > bound;
      default:
        return v >= bound;
    }
  };
}

function interval(open: string, low: number, high: number, close: string): Matcher {
  const lowIncluded = open === '[';
  const highIncluded = close === ']';
  return (value) => {
    if (typeof value !== 'number') return undefined;
    return (lowIncluded ? value >= low : value > low) && (highIncluded ? value <= high : value < high);
  };
}

/** One positive unary test, or undefined when it is not of the simple kinds. */
function simpleTest(text: string): Matcher | undefined {
  const plain = literal(text);
  if (plain) return equalTo(plain.value);
  const comparison = COMPARISON.exec(text);
  if (comparison) {
    const bound = literal(comparison[2]!.trim());
    if (bound && typeof bound.value !== 'boolean') return compare(comparison[1]!, bound.value);
    return undefined;
  }
  const range = INTERVAL.exec(text);
  if (range) return interval(range[1]!, Number(range[2]), Number(range[3]), range[4]!);
  return undefined;
}

/** Splits at top-level commas outside string literals; undefined when quotes are unbalanced. */
function splitTests(text: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let inString = false;
  for (const char of text) {
    if (char === '"') inString = !inString;
    if (char === ',' && !inString) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (inString) return undefined;
  parts.push(current.trim());
  return parts;
}

function anyOf(tests: readonly Matcher[]): Matcher {
  return (value) => {
    let uncertain = false;
    for (const test of tests) {
      const result = test(value);
      if (result === true) return true;
      if (result === undefined) uncertain = true;
    }
    return uncertain ? undefined : false;
  };
}

function compile(entry: string): Matcher | undefined {
  const text = entry.trim();
  if (matchesAnything(text)) return () => true;
  const negated = /^not\s*\((.*)\)$/s.exec(text);
  const body = negated ? negated[1]!.trim() : text;
  const parts = splitTests(body);
  if (!parts || parts.some((part) => part === '')) return undefined;
  const tests = parts.map(simpleTest);
  if (tests.some((test) => test === undefined)) return undefined;
  const positive = anyOf(tests as Matcher[]);
  if (!negated) return positive;
  return (value) => {
    const result = positive(value);
    return result === undefined ? undefined : !result;
  };
}

const cache = new Map<string, Matcher | null>();

/** The compiled matcher of an input entry, or undefined when feelin must evaluate it. */
export function fastMatcher(entry: string): Matcher | undefined {
  let matcher = cache.get(entry);
  if (matcher === undefined) {
    matcher = compile(entry) ?? null;
    cache.set(entry, matcher);
  }
  return matcher ?? undefined;
}
