/**
 * Which element instances a modification terminates. Zeebe terminates each named instance and then
 * every flow scope the modification leaves without an active child, without pending flows and not
 * needed by an activation (up to the process instance itself), instead of letting it complete.
 */
import type { ReadonlyEngineState } from '../../state/engine-state.ts';

/** Keys of an element instance's ancestors (itself excluded). */
function ancestorsOf(state: ReadonlyEngineState, key: number): number[] {
  const keys: number[] = [];
  for (let k = state.elementInstances.get(key)?.value.flowScopeKey ?? -1; k > 0; k = state.elementInstances.get(k)?.value.flowScopeKey ?? -1) keys.push(k);
  return keys;
}

/**
 * Widens the requested terminations to the flow scopes they empty; `receiving` are the scope
 * instances that get an activated element. Returns only the outermost instances (terminating a
 * scope terminates what is inside it).
 */
export function widenTerminations(state: ReadonlyEngineState, requested: ReadonlySet<number>, receiving: ReadonlySet<number>): number[] {
  const targets = new Set(requested);
  let changed = true;
  while (changed) {
    changed = false;
    for (const key of [...targets]) {
      const scopeKey = state.elementInstances.get(key)?.value.flowScopeKey ?? -1;
      const scope = state.elementInstances.get(scopeKey);
      if (!scope || targets.has(scopeKey) || receiving.has(scopeKey) || scope.activeFlows > 0) continue;
      const covered = (child: number): boolean => targets.has(child) || ancestorsOf(state, child).some((a) => targets.has(a));
      if ([...scope.children].every(covered)) {
        targets.add(scopeKey);
        changed = true;
      }
    }
  }
  return [...targets].filter((key) => !ancestorsOf(state, key).some((ancestor) => targets.has(ancestor)));
}
