/** JOB THROW_ERROR: no catch events yet (part 2), so the error is uncaught and raises an incident. */
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
  if (element) {
    bpmn.incidents.create(
      element,
      'UNHANDLED_ERROR_EVENT',
      `Expected to throw an error event with the code '${errorCode}' with message '${errorMessage}', but it was not caught. No error events are available in the scope.`,
      command.key,
    );
  }
  ctx.respond({});
};
