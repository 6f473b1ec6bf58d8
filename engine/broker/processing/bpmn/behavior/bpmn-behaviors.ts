/** The one facade element processors use for shared behaviour (Zeebe's BpmnBehaviors). */
import type { ProcessingContext } from '../../processing-context.ts';
import type { BpmnContainerProcessor, BpmnElementProcessor, ElementContext } from '../element-processor.ts';
import { CompensationBehavior } from './compensation-behavior.ts';
import { EventBehavior } from './event-behavior.ts';
import { EventSubProcessBehavior } from './event-sub-process-behavior.ts';
import { FlowBehavior } from './flow-behavior.ts';
import { IncidentBehavior } from './incident-behavior.ts';
import { JobBehavior } from './job-behavior.ts';
import { MultiInstanceBehavior } from './multi-instance-behavior.ts';
import { StateTransitions } from './state-transitions.ts';
import { VariableBehavior } from './variable-behavior.ts';

/** Looks up the processor of an element type. */
export type ProcessorLookup = (type: string) => BpmnElementProcessor | undefined;

/** Shared behaviour for one command. */
export class BpmnBehaviors {
  readonly transitions: StateTransitions;
  readonly variables: VariableBehavior;
  readonly jobs: JobBehavior;
  readonly incidents: IncidentBehavior;
  readonly flows: FlowBehavior;
  readonly events: EventBehavior;
  readonly eventSubProcesses: EventSubProcessBehavior;
  readonly multiInstance: MultiInstanceBehavior;
  readonly compensations: CompensationBehavior;

  constructor(
    readonly ctx: ProcessingContext,
    private readonly lookup: ProcessorLookup,
  ) {
    this.transitions = new StateTransitions(ctx);
    this.variables = new VariableBehavior(ctx);
    this.jobs = new JobBehavior(ctx);
    this.incidents = new IncidentBehavior(ctx);
    this.flows = new FlowBehavior(ctx, (scopeKey) => this.childLeft(scopeKey));
    this.events = new EventBehavior(ctx);
    this.eventSubProcesses = new EventSubProcessBehavior(this);
    this.events.onEventSubProcessStart = (scope, start, variables) => this.eventSubProcesses.trigger(scope, start, variables);
    this.multiInstance = new MultiInstanceBehavior(ctx, this.transitions, this.variables, this.incidents);
    this.compensations = new CompensationBehavior(ctx);
  }

  /** Builds the element context of an existing element instance. */
  elementContext(key: number): ElementContext | undefined {
    const instance = this.ctx.state.elementInstances.get(key);
    if (!instance) return undefined;
    const element = this.ctx.state.models.element(instance.value.processDefinitionKey, instance.value.elementId);
    return element ? { key, value: instance.value, element } : undefined;
  }

  /** Tells a flow scope that one of its children completed or terminated. */
  childLeft(scopeKey: number): void {
    const scope = this.elementContext(scopeKey);
    if (!scope) return;
    const inline = this.transitions.inlineTermination;
    if (inline && this.ctx.state.elementInstances.get(scopeKey)?.state !== 'ELEMENT_TERMINATING') {
      // A modification's inline termination does not tell a surviving flow scope (Zeebe); one that
      // receives an activation keeps its joins waiting until that element's path moves on.
      if (!inline.required.has(scopeKey)) this.flows.releaseInclusiveJoins(scopeKey);
      return;
    }
    // A path ended: an inclusive join waiting for it may join now.
    this.flows.releaseInclusiveJoins(scopeKey);
    const processor = this.lookup(scope.value.bpmnElementType) as BpmnContainerProcessor | undefined;
    processor?.onChildLeft?.(scope, this);
  }

  /** ELEMENT_ACTIVATING, then the input mappings; false (with an incident) when they fail. */
  activatingWithInputs(element: ElementContext): boolean {
    this.transitions.activating(element);
    return this.applyInputMappings(element);
  }

  /** ELEMENT_ACTIVATED, then straight on to completion (elements with nothing to wait for). */
  activateAndComplete(element: ElementContext): void {
    this.transitions.activated(element);
    this.transitions.completeElement(element);
  }

  /**
   * Opens the element's subscriptions (its own timer or message and its boundary events), then
   * ELEMENT_ACTIVATED: the element waits for a trigger. False (with an EXTRACT_VALUE_ERROR incident)
   * when a subscription cannot be opened.
   */
  subscribeAndWait(element: ElementContext): boolean {
    const subscribed = this.events.subscribe(element);
    if (!subscribed.ok) {
      this.incidents.create(element, 'EXTRACT_VALUE_ERROR', subscribed.message);
      return false;
    }
    this.transitions.activated(element);
    return true;
  }

  /**
   * A forking gateway's activation: takes the outgoing flows its conditions choose (see
   * {@link FlowBehavior.chooseByConditions}) and completes at once; with none, a CONDITION_ERROR
   * incident. Without outgoing flows it completes and ends its path.
   */
  forkByConditions(element: ElementContext, mode: 'first' | 'all'): void {
    this.transitions.activating(element);
    if (element.element.outgoing.length === 0) {
      this.activateAndComplete(element);
      return;
    }
    const chosen = this.flows.chooseByConditions(element, mode);
    if (!chosen.ok) {
      this.incidents.create(element, 'CONDITION_ERROR', chosen.message);
      return;
    }
    this.transitions.activated(element);
    this.transitions.completing(element);
    this.transitions.completed(element);
    this.flows.takeOutgoing(element, chosen.value);
  }

  /** Applies input mappings into the element's own scope; false (with an incident) when they fail. */
  applyInputMappings(element: ElementContext): boolean {
    const mappings = element.element.inputMappings;
    if (mappings.length === 0) return true;
    const result = this.variables.evaluate(mappings, element.key);
    if (!result.ok) {
      this.incidents.create(element, 'IO_MAPPING_ERROR', result.message);
      return false;
    }
    this.variables.mergeLocal(element.key, result.value, element.value);
    return true;
  }

  /** Applies output mappings into the flow scope (propagating); false (with an incident) when they fail. */
  applyOutputMappings(element: ElementContext): boolean {
    const mappings = element.element.outputMappings;
    if (mappings.length === 0) return true;
    const existing = this.ctx.state.variables.collect(element.value.flowScopeKey);
    const result = this.variables.evaluate(mappings, element.key, { mode: 'output', existing });
    if (!result.ok) {
      this.incidents.create(element, 'IO_MAPPING_ERROR', result.message);
      return false;
    }
    this.variables.mergePropagating(element.value.flowScopeKey, result.value, element.value);
    return true;
  }

  /**
   * The usual way out of an activity or event: completing, outputs, its subscriptions closed (after
   * the output mappings, as Zeebe: an element stuck COMPLETING on an output mapping incident keeps
   * them), completed, outgoing flows. An inner instance of a multi-instance body reports to its body
   * instead of taking flows.
   */
  completeAndLeave(element: ElementContext): void {
    this.transitions.completing(element);
    if (!this.applyOutputMappings(element)) return;
    this.events.unsubscribe(element.key);
    const body = this.multiInstance.bodyOf(element);
    const inner = body ? this.multiInstance.innerCompleting(element, body) : undefined;
    if (body && !inner) return;
    this.compensations.createSubscription(element);
    this.transitions.completed(element);
    this.compensations.completeHandler(element);
    if (body && inner) this.multiInstance.afterInnerCompleted(inner, body);
    else this.flows.takeOutgoing(element);
  }

  /** The usual termination of a leaf element: terminating, cancel job and incidents, terminated, tell the scope. */
  terminateLeaf(element: ElementContext): void {
    const jobKey = this.ctx.state.elementInstances.get(element.key)?.jobKey ?? 0;
    this.transitions.terminating(element);
    this.events.unsubscribe(element.key);
    this.jobs.cancel(jobKey);
    this.incidents.resolveAll(element.key, jobKey);
    this.transitions.terminated(element);
    // An interrupting boundary event takes over the path of the activity it terminated.
    if (this.events.activateTriggeredBoundary(element)) return;
    this.childLeft(element.value.flowScopeKey);
  }
}
