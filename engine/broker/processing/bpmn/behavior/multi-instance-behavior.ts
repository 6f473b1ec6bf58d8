/**
 * Multi-instance (会签/或签/比例): the body creates inner instances of the activity — all at once
 * (parallel) or one after another (sequential) — with inputElement and loopCounter as local
 * variables; each completed inner instance adds its outputElement to the body's outputCollection and
 * is checked against the completionCondition (numberOfInstances, numberOfActiveInstances,
 * numberOfCompletedInstances, numberOfTerminatedInstances), as Zeebe does.
 */
import { evaluate, evaluateBoolean, type EvaluationResult, type MultiInstanceProperties } from '../../../model/index.ts';
import type { ProcessingContext } from '../../processing-context.ts';
import type { ElementContext } from '../element-processor.ts';
import type { IncidentBehavior } from './incident-behavior.ts';
import type { StateTransitions } from './state-transitions.ts';
import type { VariableBehavior } from './variable-behavior.ts';

/** A plain variable (or nested property) output element: Zeebe makes it local to each inner instance. */
const VARIABLE_PATH = /^\s*([A-Za-z_][\w]*)(\.[A-Za-z_][\w]*)*\s*$/;

/** What the body does after an inner instance completed. */
export interface InnerCompletion {
  readonly bodyKey: number;
  readonly satisfied: boolean;
}

/** Multi-instance behaviour for one command. */
export class MultiInstanceBehavior {
  constructor(
    private readonly ctx: ProcessingContext,
    private readonly transitions: StateTransitions,
    private readonly variables: VariableBehavior,
    private readonly incidents: IncidentBehavior,
  ) {}

  /** The multi-instance body an element instance runs in, if any. */
  bodyOf(element: ElementContext): ElementContext | undefined {
    const scope = this.ctx.state.elementInstances.get(element.value.flowScopeKey);
    if (scope?.value.bpmnElementType !== 'MULTI_INSTANCE_BODY') return undefined;
    return { key: scope.key, value: scope.value, element: element.element };
  }

  /** Evaluates the input collection in the body's scope; a failure names the expression. */
  inputCollection(body: ElementContext): EvaluationResult<unknown[]> {
    const properties = body.element.multiInstance!;
    const result = evaluate(properties.inputCollection, this.ctx.state.variables.collect(body.key));
    if (!result.ok) return result;
    if (!Array.isArray(result.value)) {
      const kind = result.value === null || result.value === undefined ? 'NULL' : typeof result.value === 'object' ? 'OBJECT' : typeof result.value === 'string' ? 'STRING' : typeof result.value === 'number' ? 'NUMBER' : 'BOOLEAN';
      return { ok: false, message: `Expected result of the expression '${properties.inputCollection.expression}' to be 'ARRAY', but was '${kind}'.` };
    }
    return { ok: true, value: result.value as unknown[] };
  }

  /** Asks for inner instance number loopCounter (1-based) with its item. */
  createInner(body: ElementContext, loopCounter: number, item: unknown): void {
    const properties = body.element.multiInstance!;
    const key = this.ctx.nextKey();
    const value = { ...body.value, bpmnElementType: body.element.type, flowScopeKey: body.key };
    this.ctx.followUp(key, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', value);
    const local: Record<string, unknown> = {};
    if (properties.inputElement) local[properties.inputElement] = item;
    const outputVariable = properties.outputElement ? VARIABLE_PATH.exec(properties.outputElement.expression)?.[1] : undefined;
    if (outputVariable && outputVariable !== properties.inputElement) local[outputVariable] = null;
    local.loopCounter = loopCounter;
    this.variables.mergeLocal(key, local, value);
  }

  /**
   * Before an inner instance is completed: adds its output element to the output collection and
   * evaluates the completion condition in its scope. undefined (with an incident) on failure.
   */
  innerCompleting(inner: ElementContext, body: ElementContext): InnerCompletion | undefined {
    const properties = body.element.multiInstance!;
    const variables = this.ctx.state.variables.collect(inner.key);
    if (properties.outputCollection) {
      const collected = this.collectOutput(inner, body, properties, variables);
      if (!collected.ok) {
        this.incidents.create(inner, 'EXTRACT_VALUE_ERROR', collected.message);
        return undefined;
      }
    }
    if (!properties.completionCondition) return { bodyKey: body.key, satisfied: false };
    const counters = this.counters(body);
    const updated = this.ctx.state.variables.collect(inner.key);
    const satisfied = evaluateBoolean(properties.completionCondition, { ...updated, ...counters });
    if (!satisfied.ok) {
      this.incidents.create(inner, 'EXTRACT_VALUE_ERROR', satisfied.message);
      return undefined;
    }
    return { bodyKey: body.key, satisfied: satisfied.value };
  }

  private collectOutput(
    inner: ElementContext,
    body: ElementContext,
    properties: MultiInstanceProperties,
    variables: Record<string, unknown>,
  ): EvaluationResult<null> {
    const name = properties.outputCollection!;
    const element = properties.outputElement ? evaluate(properties.outputElement, variables) : { ok: true as const, value: null };
    if (!element.ok) return element;
    const current = this.ctx.state.variables.local(body.key)?.get(name)?.value;
    const loopCounter = Number(this.ctx.state.variables.local(inner.key)?.get('loopCounter')?.value ?? 0);
    if (!Array.isArray(current) || loopCounter < 1 || loopCounter > current.length) {
      return { ok: false, message: `Unable to update an item in list '${name}' at position '${loopCounter}' because the list does not hold that position` };
    }
    const updated = [...(current as unknown[])];
    updated[loopCounter - 1] = element.value === undefined ? null : element.value;
    this.variables.setLocal(body.key, name, updated, body.value);
    return { ok: true, value: null };
  }

  /** The counters the completion condition sees. */
  counters(body: ElementContext): Record<string, number> {
    const instance = this.ctx.state.elementInstances.get(body.key);
    const completed = instance?.completedChildren ?? 0;
    const terminated = instance?.terminatedChildren ?? 0;
    const active = instance?.childCount ?? 0;
    const collection = this.inputCollection(body);
    const total = collection.ok ? collection.value.length : completed + terminated + active;
    return { numberOfInstances: total, numberOfActiveInstances: active, numberOfCompletedInstances: completed, numberOfTerminatedInstances: terminated };
  }

  /** After an inner instance completed: finish early, start the next (sequential) or complete when all are done. */
  afterInnerCompleted(completion: InnerCompletion, bodyElement: ElementContext): void {
    const instance = this.ctx.state.elementInstances.get(completion.bodyKey);
    if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return;
    const body: ElementContext = { key: instance.key, value: instance.value, element: bodyElement.element };
    if (completion.satisfied) {
      if (instance.childCount === 0) this.transitions.completeElement(body);
      else for (const child of instance.children) this.transitions.terminateElement(child);
      return;
    }
    if (body.element.multiInstance!.isSequential) {
      const created = (instance.completedChildren ?? 0) + (instance.terminatedChildren ?? 0);
      const collection = this.inputCollection(body);
      if (!collection.ok) {
        this.incidents.create(body, 'EXTRACT_VALUE_ERROR', collection.message);
        return;
      }
      if (created < collection.value.length) {
        this.createInner(body, created + 1, collection.value[created]);
        return;
      }
    }
    if (instance.childCount === 0) this.transitions.completeElement(body);
  }
}
