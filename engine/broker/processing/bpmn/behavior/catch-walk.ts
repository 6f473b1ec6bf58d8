/**
 * The catch walk for errors and escalations: from the element that threw, outward through its flow
 * scopes and on into the calling process, each scope offering its event sub-process start events
 * before its boundary events (Zeebe's order), an exact code before a catch-all.
 */
import { evaluateString, type ExecutableElement, type Expression } from '../../../model/index.ts';
import type { VariableDocument } from '../../../protocol/record.ts';
import type { ProcessingContext } from '../../processing-context.ts';
import type { ElementContext } from '../element-processor.ts';
import { eventSubProcessStarts, interruptedByEventSubProcess, isInterruptingCatch } from './event-sub-process-behavior.ts';

/** Triggers a catch event of a scope with the thrown variables. */
export type TriggerCatch = (scope: ElementContext, target: ExecutableElement, variables: VariableDocument) => void;

/** Whether an element instance is an inner instance of a multi-instance body (whose boundary events belong to the body). */
export function isInnerInstance(ctx: ProcessingContext, value: { flowScopeKey: number; elementId: string }): boolean {
  const scope = ctx.state.elementInstances.get(value.flowScopeKey);
  return scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' && scope.value.elementId === value.elementId;
}

/** Finds the catch events of thrown errors and escalations and triggers them. */
export class CatchWalk {
  constructor(
    private readonly ctx: ProcessingContext,
    private readonly trigger: TriggerCatch,
  ) {}

  /**
   * The scopes an error or escalation walks through, from `fromKey` outward: each active element
   * instance up to its process instance, then the call activity that created that process (Zeebe
   * continues in the parent process). A scope interrupted by an event sub-process ends the walk
   * inside its process, as Zeebe's catch analyzer stops there.
   */
  private *catchScopes(fromKey: number): Generator<ElementContext> {
    let key = fromKey;
    while (key > 0) {
      const instance = this.ctx.state.elementInstances.get(key);
      if (!instance || (instance.state !== 'ELEMENT_ACTIVATED' && instance.state !== 'ELEMENT_ACTIVATING')) return;
      const element = this.ctx.state.models.element(instance.value.processDefinitionKey, instance.value.elementId);
      const interrupted = interruptedByEventSubProcess(this.ctx.state, key);
      if (element && !interrupted) yield { key, value: instance.value, element };
      key = instance.value.flowScopeKey > 0 && !interrupted ? instance.value.flowScopeKey : instance.value.parentElementInstanceKey;
    }
  }

  /**
   * Finds the catch event for an error thrown in `fromKey` (itself, then its scopes, then the calling
   * process): at each scope its event sub-process error start events, then its boundary events; an
   * exact error code wins over a catch-all. Triggers it and returns true when found.
   */
  throwError(fromKey: number, errorCode: string, variables: VariableDocument): boolean {
    for (const scope of this.catchScopes(fromKey)) {
      const catcher = this.catcher(scope, 'ERROR', errorCode, (event) => event.error?.errorCode);
      if (catcher) {
        this.trigger(scope, catcher, variables);
        return true;
      }
    }
    return false;
  }

  /**
   * The catch event of a scope for an error or escalation code: the start events of its event
   * sub-processes come before its boundary events (Zeebe's order), and an exact match wins over a
   * catch-all. Boundary events of an inner multi-instance instance belong to its body.
   */
  private catcher(
    scope: ElementContext,
    eventType: 'ERROR' | 'ESCALATION',
    code: string,
    codeOf: (event: ExecutableElement) => Expression | undefined,
  ): ExecutableElement | undefined {
    const variables = this.ctx.state.variables.collect(scope.key);
    let catchAll: ExecutableElement | undefined;
    for (const event of this.catchEventsOf(scope)) {
      if (event.eventType !== eventType) continue;
      const expected = codeOf(event);
      if (!expected) {
        catchAll ??= event;
        continue;
      }
      const evaluated = evaluateString(expected, variables);
      if (evaluated.ok && evaluated.value === code) return event;
    }
    return catchAll;
  }

  /** The catch events a scope offers, in Zeebe's order: its event sub-process start events, then its boundary events. */
  private catchEventsOf(scope: ElementContext): ExecutableElement[] {
    const processDefinitionKey = scope.value.processDefinitionKey;
    const boundaries = isInnerInstance(this.ctx, scope.value) ? [] : (scope.element.boundaryEventIds ?? []);
    // A multi-instance body shares its element with the inner instances, whose event sub-processes they are.
    const body = scope.value.bpmnElementType === 'MULTI_INSTANCE_BODY';
    return [
      ...(body ? [] : eventSubProcessStarts(this.ctx.state, processDefinitionKey, scope.element)),
      ...boundaries.map((id) => this.ctx.state.models.element(processDefinitionKey, id)),
    ].filter((event): event is ExecutableElement => event !== undefined);
  }

  /**
   * Zeebe's incident message for an error nothing caught: with the thrown message when there is one,
   * and the codes of the error catch events the walk from `fromKey` passed.
   */
  unhandledErrorMessage(fromKey: number, errorCode: string, errorMessage = ''): string {
    const codes: string[] = [];
    for (const scope of this.catchScopes(fromKey)) {
      for (const event of this.catchEventsOf(scope)) {
        const code = event.eventType === 'ERROR' ? event.error?.errorCode : undefined;
        if (code) codes.push(code.kind === 'static' ? code.value : code.source);
      }
    }
    const withMessage = errorMessage === '' ? '' : ` with message '${errorMessage}'`;
    const available = codes.length === 0 ? ' No error events are available in the scope.' : ` Available error events are [${codes.join(', ')}]`;
    return `Expected to throw an error event with the code '${errorCode}'${withMessage}, but it was not caught.${available}`;
  }

  /**
   * Throws an escalation from a throw or end event to the nearest catch event of an enclosing scope
   * (event sub-process start or boundary event, also across a call activity). Returns true when an
   * interrupting one caught it (the thrower is then terminated with its scope); uncaught escalations
   * only write NOT_ESCALATED, as in Zeebe.
   */
  throwEscalation(thrower: ElementContext, escalationCode: string): boolean {
    const record = {
      processInstanceKey: thrower.value.processInstanceKey,
      escalationCode,
      throwElementId: thrower.value.elementId,
      catchElementId: '',
      tenantId: thrower.value.tenantId,
    };
    for (const scope of this.catchScopes(thrower.value.flowScopeKey)) {
      const catcher = this.catcher(scope, 'ESCALATION', escalationCode, (event) => event.escalation?.escalationCode);
      if (catcher) {
        this.ctx.event(this.ctx.nextKey(), 'ESCALATION', 'ESCALATED', { ...record, catchElementId: catcher.id });
        this.trigger(scope, catcher, {});
        return isInterruptingCatch(catcher);
      }
    }
    this.ctx.event(this.ctx.nextKey(), 'ESCALATION', 'NOT_ESCALATED', record);
    return false;
  }}
