/** Shared checks of job commands, with Zeebe's rejection wording. */
import type { JobLifecycle, StoredJob } from '../../state/job-state.ts';
import type { ProcessingContext } from '../processing-context.ts';

/** Returns the job if it exists and is in one of the states, otherwise rejects and returns undefined. */
export function requireJob(
  ctx: ProcessingContext,
  key: number,
  verb: string,
  allowed: readonly JobLifecycle[],
): Readonly<StoredJob> | undefined {
  const job = ctx.state.jobs.get(key);
  if (!job) {
    ctx.reject('NOT_FOUND', `Expected to ${verb} job with key '${key}', but no such job was found`);
    return undefined;
  }
  if (!allowed.includes(job.state)) {
    ctx.reject('INVALID_STATE', `Expected to ${verb} job with key '${key}', but it is in state '${job.state}'`);
    return undefined;
  }
  return job;
}
