/** Variables per scope (element instance key), with the scope tree needed for lookups. */

/** One stored variable. */
export interface StoredVariable {
  readonly key: number;
  /** JSON text as recorded. */
  readonly json: string;
  /** Parsed value. */
  readonly value: unknown;
}

/** Read access to variables. */
export interface ReadonlyVariableState {
  /** Variables of exactly one scope. */
  local(scopeKey: number): ReadonlyMap<string, StoredVariable> | undefined;
  /** Parent scope key, -1 at the root. */
  parentOf(scopeKey: number): number;
  hasScope(scopeKey: number): boolean;
  /** Every variable visible from a scope, nearer scopes shadowing outer ones. */
  collect(scopeKey: number, names?: readonly string[]): Record<string, unknown>;
  /** Nearest scope from scopeKey upward that holds the variable, or -1. */
  scopeHolding(scopeKey: number, name: string): number;
}

/** Variable state; changed only by appliers. */
export class VariableState implements ReadonlyVariableState {
  private readonly scopes = new Map<number, Map<string, StoredVariable>>();
  private readonly parents = new Map<number, number>();

  local(scopeKey: number): ReadonlyMap<string, StoredVariable> | undefined {
    return this.scopes.get(scopeKey);
  }

  parentOf(scopeKey: number): number {
    return this.parents.get(scopeKey) ?? -1;
  }

  hasScope(scopeKey: number): boolean {
    return this.parents.has(scopeKey);
  }

  collect(scopeKey: number, names?: readonly string[]): Record<string, unknown> {
    const chain: number[] = [];
    for (let s = scopeKey; s >= 0 && this.parents.has(s); s = this.parents.get(s)!) chain.push(s);
    const out: Record<string, unknown> = {};
    for (let i = chain.length - 1; i >= 0; i--) {
      const vars = this.scopes.get(chain[i]!);
      if (!vars) continue;
      if (names && names.length > 0) {
        for (const name of names) {
          const v = vars.get(name);
          if (v) out[name] = v.value;
        }
      } else {
        for (const [name, v] of vars) out[name] = v.value;
      }
    }
    return out;
  }

  scopeHolding(scopeKey: number, name: string): number {
    for (let s = scopeKey; s >= 0 && this.parents.has(s); s = this.parents.get(s)!) {
      if (this.scopes.get(s)?.has(name)) return s;
    }
    return -1;
  }

  createScope(scopeKey: number, parentKey: number): void {
    this.parents.set(scopeKey, parentKey);
  }

  removeScope(scopeKey: number): void {
    this.parents.delete(scopeKey);
    this.scopes.delete(scopeKey);
  }

  set(scopeKey: number, name: string, key: number, json: string): void {
    let vars = this.scopes.get(scopeKey);
    if (!vars) this.scopes.set(scopeKey, (vars = new Map()));
    vars.set(name, { key, json, value: JSON.parse(json) });
  }

  snapshot(): unknown {
    return {
      parents: [...this.parents],
      scopes: [...this.scopes].map(([k, vars]) => [k, [...vars].map(([n, v]) => [n, v.key, v.json])]),
    };
  }
}
