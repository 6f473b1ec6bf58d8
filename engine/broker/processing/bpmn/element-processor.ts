/** The lifecycle interface every BPMN element processor implements. */
import type { ExecutableElement } from '../../model/index.ts';
import type { ProcessInstanceValue } from '../../protocol/record.ts';
import type { BpmnBehaviors } from './behavior/bpmn-behaviors.ts';

/** The element instance a lifecycle step works on. */
export interface ElementContext {
  readonly key: number;
  readonly value: ProcessInstanceValue;
  readonly element: ExecutableElement;
}

/** One processor per element type: activate, complete, terminate. */
export interface BpmnElementProcessor {
  /** ACTIVATE_ELEMENT: enter the element (also re-run after an incident on activation is resolved). */
  onActivate(element: ElementContext, bpmn: BpmnBehaviors): void;
  /** COMPLETE_ELEMENT: leave the element (also re-run after an incident on completion is resolved). */
  onComplete(element: ElementContext, bpmn: BpmnBehaviors): void;
  /** TERMINATE_ELEMENT: cancel the element. */
  onTerminate(element: ElementContext, bpmn: BpmnBehaviors): void;
}

/** Elements that contain others (process; sub-processes in part 2). */
export interface BpmnContainerProcessor extends BpmnElementProcessor {
  /** A child completed or terminated and this scope may now be done. */
  onChildLeft(scope: ElementContext, bpmn: BpmnBehaviors): void;
}
