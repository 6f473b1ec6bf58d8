import type { Warning } from 'feelin';

/**
 * Formats feelin warnings the way Zeebe appends FEEL warnings to failure messages:
 * ` The evaluation reported the following warnings:\n[TYPE] message`.
 * Returns '' when there are none.
 */
export function formatWarnings(warnings: readonly Warning[]): string {
  const lines = normalizeWarnings(warnings).map((w) => `[${w.type}] ${w.message}`);
  return lines.length === 0 ? '' : ` The evaluation reported the following warnings:\n${lines.join('\n')}`;
}

interface NormalizedWarning {
  readonly type: string;
  readonly message: string;
}

/**
 * Rewords feelin warnings with Zeebe's (FEEL-scala's) wording where they differ, and folds
 * feelin's "variable not found" + "cannot invoke null" pair for an unknown function into one.
 */
function normalizeWarnings(warnings: readonly Warning[]): NormalizedWarning[] {
  const result: NormalizedWarning[] = [];
  for (let i = 0; i < warnings.length; i++) {
    const warning = warnings[i];
    const next = warnings[i + 1];
    const name = /^Variable '(.*)' not found$/.exec(warning.message)?.[1];
    if (
      warning.type === 'NO_VARIABLE_FOUND' &&
      name !== undefined &&
      next?.type === 'NO_FUNCTION_FOUND' &&
      next.position.from === warning.position.from
    ) {
      result.push({ type: 'NO_FUNCTION_FOUND', message: `No function found with name '${name}'` });
      i++;
    } else if (warning.type === 'NO_VARIABLE_FOUND' && name !== undefined) {
      result.push({ type: 'NO_VARIABLE_FOUND', message: `No variable found with name '${name}'` });
    } else {
      result.push({ type: warning.type, message: warning.message });
    }
  }
  return result;
}
