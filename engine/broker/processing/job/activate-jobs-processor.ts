/** JOB_BATCH ACTIVATE: hands up to maxJobsToActivate activatable jobs of a type to a worker. */
import type { JobValue } from '../../protocol/record.ts';
import type { CommandProcessor } from '../command-processor.ts';

/** A job as handed to a worker. */
export interface ActivatedJobResult {
  readonly key: number;
  readonly value: JobValue;
}

export const activateJobsProcessor: CommandProcessor<'JOB_BATCH'> = (command, ctx) => {
  const request = command.value;
  const keys: number[] = [];
  for (const key of ctx.state.jobs.activatable(request.type)) {
    if (keys.length >= request.maxJobsToActivate) break;
    keys.push(key);
  }
  if (keys.length === 0) {
    ctx.respond([]);
    return;
  }
  const deadline = ctx.now + request.timeout;
  const jobs: JobValue[] = keys.map((key) => {
    const job = ctx.state.jobs.get(key)!;
    return {
      ...job.value,
      worker: request.worker,
      timeout: request.timeout,
      deadline,
      variables: ctx.state.variables.collect(job.value.elementInstanceKey, request.fetchVariables),
    };
  });
  ctx.event(ctx.nextKey(), 'JOB_BATCH', 'ACTIVATED', { ...request, jobKeys: keys, jobs, truncated: false });
  const result: ActivatedJobResult[] = keys.map((key, i) => ({ key, value: jobs[i]! }));
  ctx.respond(result);
};
