/** JOB COMPLETE: the job's variables go into the process, then its element completes. */
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { requireJob } from './job-preconditions.ts';

export const completeJobProcessor: CommandProcessor<'JOB'> = (command, ctx) => {
  const job = requireJob(ctx, command.key, 'complete', ['ACTIVATABLE', 'ACTIVATED']);
  if (!job) return;
  const variables = command.value.variables;
  ctx.event(command.key, 'JOB', 'COMPLETED', { ...job.value, variables });
  const bpmn = bpmnBehaviors(ctx);
  const element = bpmn.elementContext(job.value.elementInstanceKey);
  if (element) {
    // With output mappings the job's variables stay local for the mappings to read; without, they propagate.
    if (element.element.outputMappings.length > 0) bpmn.variables.mergeLocal(element.key, variables, element.value);
    else bpmn.variables.mergePropagating(element.key, variables, element.value);
    bpmn.transitions.completeElement(element);
  }
  ctx.respond({});
};
