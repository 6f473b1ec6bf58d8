/** Builds the BPMN behaviour facade for a processing context. */
import type { ProcessingContext } from '../processing-context.ts';
import { BpmnBehaviors } from './behavior/bpmn-behaviors.ts';
import { processorFor } from './bpmn-element-processors.ts';

/** The behaviour facade for one command. */
export function bpmnBehaviors(ctx: ProcessingContext): BpmnBehaviors {
  return new BpmnBehaviors(ctx, processorFor);
}
