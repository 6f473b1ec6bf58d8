/** Moves tokens: takes sequence flows, activates targets (joins wait for every incoming flow), notifies scopes. */
import { evaluateBoolean, type EvaluationResult, type ExecutableElement } from '../../../model/index.ts';
import type { ProcessInstanceValue } from '../../../protocol/record.ts';
import type { ProcessingContext } from '../../processing-context.ts';
import type { ElementContext } from '../element-processor.ts';
import { inclusiveJoinComplete, readyInclusiveJoins } from '../gateway/inclusive-join.ts';

/** Token movement for one command. */
export class FlowBehavior {
  /** Inclusive joins this command already activated (scope key:gateway id), so a re-check does not activate them twice. */
  private readonly activatedJoins = new Set<string>();

  constructor(
    private readonly ctx: ProcessingContext,
    private readonly onChildLeft: (scopeKey: number) => void,
  ) {}

  /**
   * Takes the given outgoing flows (all by default); with none, the path ends and the scope is told.
   * Returns the keys of the element instances it activated (a join still waiting activates none).
   */
  takeOutgoing(element: ElementContext, flowIds: readonly string[] = element.element.outgoing): number[] {
    if (flowIds.length === 0) {
      this.onChildLeft(element.value.flowScopeKey);
      return [];
    }
    const activated: number[] = [];
    for (const flowId of flowIds) {
      const key = this.takeFlow(element, flowId);
      if (key !== undefined) activated.push(key);
    }
    // The token moved: an inclusive join that waited for a path it left may join now.
    this.releaseInclusiveJoins(element.value.flowScopeKey);
    return activated;
  }

  /** Activates the inclusive joins of a scope that hold a token and can no longer get another one (a path ended or moved away). */
  releaseInclusiveJoins(scopeKey: number): void {
    // Called whenever a path moves or ends: most scopes hold no waiting token, so leave at once.
    const scope = this.ctx.state.elementInstances.get(scopeKey);
    if (!scope?.pendingFlows?.size) return;
    const skip = new Set([...this.activatedJoins].filter((k) => k.startsWith(`${scopeKey}:`)).map((k) => k.slice(`${scopeKey}:`.length)));
    for (const gateway of readyInclusiveJoins(this.ctx.state, scopeKey, skip)) {
      this.activatedJoins.add(`${scopeKey}:${gateway.id}`);
      this.activate(scope.value, scopeKey, gateway);
    }
  }

  /**
   * Chooses outgoing flows by their conditions, in model order, never counting the default flow:
   * `first` stops at the first true condition and skips flows without one (exclusive gateway); `all`
   * takes every true condition and every flow without one (inclusive gateway). With nothing chosen,
   * the default flow; without a default flow, a failure. A single unconditioned flow is taken as is.
   */
  chooseByConditions(element: ElementContext, mode: 'first' | 'all'): EvaluationResult<string[]> {
    const { outgoing, defaultFlowId } = element.element;
    const model = this.ctx.state.models.get(element.value.processDefinitionKey);
    if (outgoing.length === 1 && !model?.sequenceFlows.get(outgoing[0]!)?.condition) return { ok: true, value: [outgoing[0]!] };
    const variables = this.ctx.state.variables.collect(element.key);
    const chosen: string[] = [];
    for (const flowId of outgoing) {
      if (flowId === defaultFlowId) continue;
      const condition = model?.sequenceFlows.get(flowId)?.condition;
      if (!condition) {
        if (mode === 'all') chosen.push(flowId);
        continue;
      }
      const result = evaluateBoolean(condition, variables);
      if (!result.ok) return result;
      if (!result.value) continue;
      chosen.push(flowId);
      if (mode === 'first') break;
    }
    if (chosen.length > 0) return { ok: true, value: chosen };
    if (defaultFlowId) return { ok: true, value: [defaultFlowId] };
    return { ok: false, message: 'Expected at least one condition to evaluate to true, or to have a default flow' };
  }

  /** Writes SEQUENCE_FLOW_TAKEN and activates the target when it can start; the key of the activated target, if any. */
  takeFlow(element: ElementContext, flowId: string): number | undefined {
    const model = this.ctx.state.models.get(element.value.processDefinitionKey);
    const flow = model?.sequenceFlows.get(flowId);
    const target = flow ? model?.elements.get(flow.targetId) : undefined;
    if (!flow || !target) throw new Error(`sequence flow '${flowId}' or its target is missing from the model`);
    this.ctx.event(this.ctx.nextKey(), 'PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', {
      ...element.value,
      elementId: flow.id,
      bpmnElementType: 'SEQUENCE_FLOW',
      bpmnEventType: 'UNSPECIFIED',
    });
    if (this.isJoin(target) && !this.joinComplete(element.value.flowScopeKey, target)) return undefined;
    if (target.type === 'INCLUSIVE_GATEWAY' && this.isJoin(target)) {
      const id = `${element.value.flowScopeKey}:${target.id}`;
      if (this.activatedJoins.has(id)) return undefined; // a second incoming flow taken by this command: the queued activation joins both
      this.activatedJoins.add(id);
    }
    return this.activate(element.value, element.value.flowScopeKey, target);
  }

  /** Writes ACTIVATE_ELEMENT for an element inside a scope (its multi-instance body when it has one). */
  activate(template: ProcessInstanceValue, flowScopeKey: number, target: ExecutableElement): number {
    const key = this.ctx.nextKey();
    this.ctx.followUp(key, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', {
      ...template,
      elementId: target.id,
      bpmnElementType: target.multiInstance ? 'MULTI_INSTANCE_BODY' : target.type,
      bpmnEventType: target.eventType,
      flowScopeKey,
    });
    return key;
  }

  private isJoin(target: ExecutableElement): boolean {
    return (target.type === 'PARALLEL_GATEWAY' || target.type === 'INCLUSIVE_GATEWAY') && target.incoming.length > 1;
  }

  private joinComplete(scopeKey: number, target: ExecutableElement): boolean {
    if (target.type === 'INCLUSIVE_GATEWAY') return inclusiveJoinComplete(this.ctx.state, scopeKey, target);
    const pending = this.ctx.state.elementInstances.get(scopeKey)?.pendingFlows?.get(target.id);
    if (!pending) return false;
    return target.incoming.every((flowId) => (pending.get(flowId) ?? 0) > 0);
  }
}
