import type { EvaluationResult, VariableMapping, Variables } from '../types.ts';
import { evaluate } from './evaluate.ts';

/** How {@link evaluateMappings} merges nested targets. */
export interface MappingEvaluationOptions {
  /**
   * `input` (default): a nested target (`a.b`) builds a fresh object, merged only with earlier
   * mappings of the same call. `output`: a nested target is also merged, at every level, with
   * the existing variable of that name when it is an object — as Zeebe merges output mappings.
   */
  readonly mode?: 'input' | 'output';
  /** Variables a nested output target merges with; defaults to `variables`. */
  readonly existing?: Variables;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Evaluates mappings in model order into one variables document. Each mapping sees the given
 * variables plus the results of the mappings before it (as in Zeebe). The engine decides
 * which scope the document is written to.
 */
export function evaluateMappings(
  mappings: readonly VariableMapping[],
  variables: Variables,
  options: MappingEvaluationOptions = {},
): EvaluationResult<Record<string, unknown>> {
  const result: JsonObject = {};
  const existing = options.existing ?? variables;
  for (const mapping of mappings) {
    const evaluated = evaluate(mapping.source, { ...variables, ...result });
    if (!evaluated.ok) return evaluated;
    const [root, ...rest] = mapping.targetPath;
    if (rest.length === 0) {
      result[root] = evaluated.value;
      continue;
    }
    const previous = Object.hasOwn(result, root) ? result[root] : options.mode === 'output' ? existing[root] : undefined;
    result[root] = setPath(isObject(previous) ? previous : undefined, rest, evaluated.value);
  }
  return { ok: true, value: result };
}

/** Returns a copy of `base` (or a new object) with `value` set at `path`, merging objects on the way. */
function setPath(base: JsonObject | undefined, path: readonly string[], value: unknown): JsonObject {
  const copy: JsonObject = { ...(base ?? {}) };
  const [head, ...rest] = path;
  if (rest.length === 0) {
    copy[head] = value;
  } else {
    const child = copy[head];
    copy[head] = setPath(isObject(child) ? child : undefined, rest, value);
  }
  return copy;
}
