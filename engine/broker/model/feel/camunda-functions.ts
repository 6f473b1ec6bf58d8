import { randomUUID } from 'node:crypto';
import { toJsonValue } from './json-value.ts';

/** Thrown by `assert(...)`; reported like Zeebe's "Assertion failure on evaluate the expression …". */
export class FeelAssertionError extends Error {
  override readonly name = 'FeelAssertionError';
}

type FeelFn = (...args: unknown[]) => unknown;

/**
 * Camunda's FEEL extension functions (docs.camunda.io, "FEEL built-in functions") that feelin
 * lacks, supplied through the evaluation context. `is defined` cannot tell a missing variable
 * from one holding null (feelin hands both over as null), so a null variable counts as undefined.
 */
export const CAMUNDA_FUNCTIONS: Readonly<Record<string, FeelFn>> = {
  'is defined': (value) => value !== null && value !== undefined,
  'get or else': (value, fallback) => (value === null || value === undefined ? fallback : value),
  assert: (value, condition, cause) => {
    if (condition !== true) throw new FeelAssertionError(typeof cause === 'string' ? cause : 'The condition is not fulfilled');
    return value;
  },
  'is empty': (list) => (Array.isArray(list) ? list.length === 0 : null),
  'is blank': (text) => (typeof text === 'string' ? text.trim() === '' : null),
  trim: (text) => (typeof text === 'string' ? text.trim() : null),
  uuid: () => randomUUID(),
  'to json': (value) => JSON.stringify(toJsonValue(value)),
  'from json': (text) => {
    if (typeof text !== 'string') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  },
  extract: (text, pattern) => {
    if (typeof text !== 'string' || typeof pattern !== 'string') return null;
    return [...text.matchAll(new RegExp(pattern, 'g'))].map((match) => match[0]);
  },
  partition: (list, size) => {
    if (!Array.isArray(list) || typeof size !== 'number' || size < 1) return null;
    const parts: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
    return parts;
  },
  'duplicate values': (list) => {
    if (!Array.isArray(list)) return null;
    const seen = new Map<string, number>();
    const duplicates: unknown[] = [];
    for (const item of list) {
      const key = JSON.stringify(toJsonValue(item));
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (count === 2) duplicates.push(item);
    }
    return duplicates;
  },
  'random number': () => Math.random(),
  // cycle(interval) → "R/<interval>", cycle(repetitions, interval) → "R<n>/<interval>"
  cycle: (first, second) => {
    const interval = second === undefined ? first : second;
    const text = interval === null || interval === undefined ? undefined : String(interval);
    if (text === undefined || !text.startsWith('P')) return null;
    return second === undefined ? `R/${text}` : typeof first === 'number' ? `R${first}/${text}` : null;
  },
};

/** Only the extension functions an expression mentions (a smaller context parses faster). */
export function functionsUsedBy(expression: string): Record<string, FeelFn> {
  const used: Record<string, FeelFn> = {};
  for (const [name, fn] of Object.entries(CAMUNDA_FUNCTIONS)) {
    if (expression.includes(name)) used[name] = fn;
  }
  return used;
}
