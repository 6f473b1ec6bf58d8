/** JOB THROW_ERROR: the nearest error boundary event catching the code takes over; uncaught, the error raises an incident. */
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { requireJob } from './job-preconditions.ts';

export const throwErrorProcessor: CommandProcessor<'JOB'> = (command, ctx) => {
  const job = requireJob(ctx, command.key, 'throw an error for', ['ACTIVATED', 'ACTIVATABLE']);
  if (!job) return;
  const { errorCode, errorMessage } = command.value;
  ctx.event(command.key, 'JOB', 'ERROR_THROWN', { ...job.value, errorCode, errorMessage, variables: command.value.variables });
  const bpmn = bpmnBehaviors(ctx);
  const element = bpmn.elementContext(job.value.elementInstanceKey);
  if (element && bpmn.events.throwError(element.key, errorCode, command.value.variables)) {
    ctx.respond({});
    return;
  }
  if (element) {
    bpmn.incidents.create(
      element,
      'UNHANDLED_ERROR_EVENT',
      bpmn.events.unhandledErrorMessage(element.key, errorCode, errorMessage),
      command.key,
    );
  }
  ctx.respond({});
};
