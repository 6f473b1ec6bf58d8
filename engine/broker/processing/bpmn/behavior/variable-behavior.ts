/** Writes variable events: local sets, merges with propagation, input and output mappings. */
import { evaluateMappings, type EvaluationResult, type MappingEvaluationOptions, type VariableMapping } from '../../../model/index.ts';
import type { VariableDocument } from '../../../protocol/record.ts';
import type { ProcessingContext } from '../../processing-context.ts';

/** Identifies the process instance a variable belongs to. */
export interface VariableOwner {
  readonly processInstanceKey: number;
  readonly processDefinitionKey: number;
  readonly bpmnProcessId: string;
  readonly tenantId: string;
}

/** Variable writes for one command. */
export class VariableBehavior {
  constructor(private readonly ctx: ProcessingContext) {}

  /** Creates or updates one variable in exactly this scope; unchanged values write nothing. */
  setLocal(scopeKey: number, name: string, value: unknown, owner: VariableOwner): void {
    const json = JSON.stringify(value === undefined ? null : value);
    const existing = this.ctx.state.variables.local(scopeKey)?.get(name);
    if (existing && existing.json === json) return;
    const record = {
      name,
      value: json,
      scopeKey,
      processInstanceKey: owner.processInstanceKey,
      processDefinitionKey: owner.processDefinitionKey,
      bpmnProcessId: owner.bpmnProcessId,
      tenantId: owner.tenantId,
    };
    if (existing) this.ctx.event(existing.key, 'VARIABLE', 'UPDATED', record);
    else this.ctx.event(this.ctx.nextKey(), 'VARIABLE', 'CREATED', record);
  }

  /** Sets every variable of a document in exactly this scope. */
  mergeLocal(scopeKey: number, document: VariableDocument, owner: VariableOwner): void {
    for (const [name, value] of Object.entries(document)) this.setLocal(scopeKey, name, value, owner);
  }

  /**
   * Merges a document with propagation: each variable is updated in the nearest scope (from scopeKey
   * upward) that has it, otherwise created in the root scope (the process instance).
   */
  mergePropagating(scopeKey: number, document: VariableDocument, owner: VariableOwner): void {
    for (const [name, value] of Object.entries(document)) {
      const holder = this.ctx.state.variables.scopeHolding(scopeKey, name);
      this.setLocal(holder >= 0 ? holder : owner.processInstanceKey, name, value, owner);
    }
  }

  /** Evaluates mappings against the variables visible from a scope. */
  evaluate(
    mappings: readonly VariableMapping[],
    scopeKey: number,
    options?: MappingEvaluationOptions,
  ): EvaluationResult<Record<string, unknown>> {
    return evaluateMappings(mappings, this.ctx.state.variables.collect(scopeKey), options);
  }
}
