/**
 * Decides, level by level from the process down, which flow scope instances an activated element
 * goes into: an existing instance of each enclosing sub-process (reused) or a new one (created), as
 * Zeebe's ElementActivationBehavior does for ModifyProcessInstance and start instructions. An
 * ancestor element instance key selects among several instances; the same rules decide whether an
 * existing instance below the selected ancestor is reused or a new one is created.
 */
import type { ExecutableElement, ExecutableProcess } from '../../../model/index.ts';
import type { ReadonlyEngineState } from '../../../state/engine-state.ts';

/** One flow scope between the process and the element; a multi-instance scope has a body level and an inner level. */
export interface ScopeLevel {
  readonly element: ExecutableElement;
  /** The level of the multi-instance body (instances of type MULTI_INSTANCE_BODY). */
  readonly body: boolean;
}

/** What happens at one level: an existing instance is reused or a new one is created. */
export type LevelStep = { readonly kind: 'reuse'; readonly key: number; readonly level: ScopeLevel } | { readonly kind: 'create'; readonly level: ScopeLevel };

/** Why the flow scopes cannot be resolved. */
export type ResolveFailure = { readonly kind: 'multiple'; readonly flowScopeId: string } | { readonly kind: 'multi-instance'; readonly elementId: string };

/** The element instance facts the resolver needs. */
export interface InstanceInfo {
  readonly key: number;
  readonly elementId: string;
  readonly bpmnElementType: string;
  readonly flowScopeKey: number;
}

/** Read access to element instances (the live state, or the live state plus planned ones). */
export interface InstanceView {
  get(key: number): InstanceInfo | undefined;
  /** Active (activating or activated) children of an instance. */
  children(key: number): InstanceInfo[];
}

const ACTIVE = new Set(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);

/** The live element instances. */
export function stateView(state: ReadonlyEngineState): InstanceView {
  const info = (key: number): InstanceInfo | undefined => {
    const instance = state.elementInstances.get(key);
    return instance ? { key, ...instance.value } : undefined;
  };
  return {
    get: info,
    children(key) {
      const out: InstanceInfo[] = [];
      for (const child of state.elementInstances.get(key)?.children ?? []) {
        const instance = state.elementInstances.get(child);
        if (instance && ACTIVE.has(instance.state)) out.push({ key: child, ...instance.value });
      }
      return out;
    },
  };
}

/** The live instances plus instances a plan would create (with made-up negative keys), so later instructions see them. */
export class PlannedView implements InstanceView {
  private readonly planned = new Map<number, InstanceInfo>();
  private nextKey = -1000;

  constructor(private readonly live: InstanceView) {}

  get(key: number): InstanceInfo | undefined {
    return this.planned.get(key) ?? this.live.get(key);
  }

  children(key: number): InstanceInfo[] {
    return [...this.live.children(key), ...[...this.planned.values()].filter((i) => i.flowScopeKey === key)];
  }

  /** Records the instances a resolution creates. */
  apply(processInstanceKey: number, steps: readonly LevelStep[]): void {
    let scopeKey = processInstanceKey;
    for (const step of steps) {
      if (step.kind === 'reuse') {
        scopeKey = step.key;
        continue;
      }
      const key = this.nextKey--;
      this.planned.set(key, { key, elementId: step.level.element.id, bpmnElementType: step.level.body ? 'MULTI_INSTANCE_BODY' : step.level.element.type, flowScopeKey: scopeKey });
      scopeKey = key;
    }
  }
}

/** The flow scopes of an element below the process, outermost first (a multi-instance scope gives two levels). */
export function scopeLevels(model: ExecutableProcess, element: ExecutableElement): ScopeLevel[] {
  const levels: ScopeLevel[] = [];
  for (let id = element.flowScopeId; id !== null && id !== model.bpmnProcessId; ) {
    const scope = model.elements.get(id);
    if (!scope) break;
    levels.unshift({ element: scope, body: false });
    if (scope.multiInstance) levels.unshift({ element: scope, body: true });
    id = scope.flowScopeId;
  }
  return levels;
}

/** Whether `ancestorKey` is a (direct or indirect) flow scope instance of `instance`. */
export function isAncestorOf(view: InstanceView, ancestorKey: number, instance: InstanceInfo | undefined): boolean {
  for (let key = instance?.flowScopeKey ?? -1; key > 0; key = view.get(key)?.flowScopeKey ?? -1) {
    if (key === ancestorKey) return true;
  }
  return false;
}

/** Picks the instance of one level to reuse (undefined: create a new one), or fails like Zeebe. */
function pick(view: InstanceView, found: readonly InstanceInfo[], ancestorKey: number, level: ScopeLevel): number | undefined | ResolveFailure {
  const selected = ancestorKey > 0;
  if (found.length === 0) return undefined;
  if (found.length === 1) return selected && isAncestorOf(view, ancestorKey, found[0]) ? undefined : found[0]!.key;
  const multiple: ResolveFailure = { kind: 'multiple', flowScopeId: level.element.id };
  if (!selected) return multiple;
  if (found.some((i) => i.key === ancestorKey)) return ancestorKey;
  if (found.some((i) => isAncestorOf(view, ancestorKey, i))) return undefined;
  const ancestor = view.get(ancestorKey);
  return found.find((i) => isAncestorOf(view, i.key, ancestor))?.key ?? multiple;
}

/** Resolves every level for an element activated in a process instance (ancestorKey ≤ 0: none selected). */
export function resolveFlowScopes(view: InstanceView, processInstanceKey: number, levels: readonly ScopeLevel[], ancestorKey: number): LevelStep[] | ResolveFailure {
  const steps: LevelStep[] = [];
  let scopeKey = processInstanceKey;
  let creating = false;
  for (const level of levels) {
    if (!creating) {
      const found = view
        .children(scopeKey)
        .filter((i) => i.elementId === level.element.id && (i.bpmnElementType === 'MULTI_INSTANCE_BODY') === level.body);
      const reused = pick(view, found, ancestorKey, level);
      if (typeof reused === 'object') return reused;
      if (reused !== undefined) {
        steps.push({ kind: 'reuse', key: reused, level });
        scopeKey = reused;
        continue;
      }
    }
    // Zeebe creates neither a multi-instance body nor an inner instance of one.
    if (level.element.multiInstance) return { kind: 'multi-instance', elementId: level.element.id };
    creating = true;
    steps.push({ kind: 'create', level });
  }
  return steps;
}

/** Narrows a resolution. */
export function isResolveFailure(result: LevelStep[] | ResolveFailure): result is ResolveFailure {
  return !Array.isArray(result);
}
