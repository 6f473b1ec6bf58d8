/** JOB FAIL: retries left → activatable again (after the back-off); none left → incident. */
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { requireJob } from './job-preconditions.ts';

export const failJobProcessor: CommandProcessor<'JOB'> = (command, ctx) => {
  const job = requireJob(ctx, command.key, 'fail', ['ACTIVATED', 'ACTIVATABLE']);
  if (!job) return;
  const { retries, errorMessage, retryBackoff, variables } = command.value;
  const failed = {
    ...job.value,
    retries,
    errorMessage,
    retryBackoff: retries > 0 ? retryBackoff : 0,
    recurringTime: retries > 0 && retryBackoff > 0 ? ctx.now + retryBackoff : -1,
    deadline: -1,
    worker: job.value.worker,
    variables: {},
  };
  ctx.event(command.key, 'JOB', 'FAILED', failed);
  const bpmn = bpmnBehaviors(ctx);
  const element = bpmn.elementContext(job.value.elementInstanceKey);
  if (element && Object.keys(variables).length > 0) bpmn.variables.mergeLocal(element.key, variables, element.value);
  if (retries <= 0 && element) {
    bpmn.incidents.create(element, 'JOB_NO_RETRIES', errorMessage || 'No more retries left.', command.key);
  }
  ctx.respond({});
};
