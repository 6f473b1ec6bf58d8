/** Writes element lifecycle events and the follow-up commands between lifecycle steps. */
import type { EventIntents } from '../../../protocol/intents.ts';
import type { ProcessingContext } from '../../processing-context.ts';
import type { ElementContext } from '../element-processor.ts';

type LifecycleIntent = Exclude<EventIntents['PROCESS_INSTANCE'], 'SEQUENCE_FLOW_TAKEN'>;

/** Lifecycle transitions for one command. */
export class StateTransitions {
  /**
   * Set while ModifyProcessInstance terminates element instances inline (Zeebe writes those
   * terminations in the modification's own batch): `terminateElement` then queues the key here
   * instead of writing TERMINATE_ELEMENT, and flow scopes in `required` (scopes an activation of
   * the same modification uses) are not told that a child left.
   */
  inlineTermination: { readonly queue: number[]; readonly required: ReadonlySet<number> } | undefined;

  constructor(private readonly ctx: ProcessingContext) {}

  /** Current lifecycle state, undefined when the instance does not exist (yet). */
  stateOf(key: number): LifecycleIntent | undefined {
    return this.ctx.state.elementInstances.get(key)?.state;
  }

  private transition(element: ElementContext, intent: LifecycleIntent): void {
    this.ctx.event(element.key, 'PROCESS_INSTANCE', intent, element.value);
  }

  /** ELEMENT_ACTIVATING, unless already there (incident retry). */
  activating(element: ElementContext): void {
    if (this.stateOf(element.key) === undefined) this.transition(element, 'ELEMENT_ACTIVATING');
  }

  activated(element: ElementContext): void {
    this.transition(element, 'ELEMENT_ACTIVATED');
  }

  /** ELEMENT_COMPLETING, unless already there (incident retry). */
  completing(element: ElementContext): void {
    if (this.stateOf(element.key) !== 'ELEMENT_COMPLETING') this.transition(element, 'ELEMENT_COMPLETING');
  }

  completed(element: ElementContext): void {
    this.transition(element, 'ELEMENT_COMPLETED');
  }

  /** ELEMENT_TERMINATING, unless already there. */
  terminating(element: ElementContext): void {
    if (this.stateOf(element.key) !== 'ELEMENT_TERMINATING') this.transition(element, 'ELEMENT_TERMINATING');
  }

  terminated(element: ElementContext): void {
    this.transition(element, 'ELEMENT_TERMINATED');
  }

  /** Asks for the element to be completed (COMPLETE_ELEMENT follow-up). */
  completeElement(element: ElementContext): void {
    this.ctx.followUp(element.key, 'PROCESS_INSTANCE', 'COMPLETE_ELEMENT', element.value);
  }

  /** Asks for the element to be terminated (TERMINATE_ELEMENT follow-up; queued instead during an inline termination). */
  terminateElement(key: number): void {
    if (this.inlineTermination) {
      this.inlineTermination.queue.push(key);
      return;
    }
    const instance = this.ctx.state.elementInstances.get(key);
    if (instance) this.ctx.followUp(key, 'PROCESS_INSTANCE', 'TERMINATE_ELEMENT', instance.value);
  }
}
