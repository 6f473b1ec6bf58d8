/** JOB TIME_OUT, UPDATE_RETRIES, UPDATE_TIMEOUT and RECUR_AFTER_BACKOFF. */
import type { CommandProcessor } from '../command-processor.ts';
import { requireJob } from './job-preconditions.ts';

export const timeOutJobProcessor: CommandProcessor<'JOB'> = (command, ctx) => {
  const job = requireJob(ctx, command.key, 'time out', ['ACTIVATED']);
  if (!job) return;
  if (job.value.deadline > ctx.now) {
    ctx.reject('INVALID_STATE', `Expected to time out activated job with key '${command.key}', but the job's deadline is in the future`);
    return;
  }
  ctx.event(command.key, 'JOB', 'TIMED_OUT', { ...job.value, deadline: -1, worker: '' });
};

export const updateRetriesProcessor: CommandProcessor<'JOB'> = (command, ctx) => {
  const retries = command.value.retries;
  if (retries < 1) {
    ctx.reject('INVALID_ARGUMENT', `Expected retries to be greater than zero, but it was ${retries}`);
    return;
  }
  const job = requireJob(ctx, command.key, 'update retries for', ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN', 'BACKOFF']);
  if (!job) return;
  ctx.event(command.key, 'JOB', 'RETRIES_UPDATED', { ...job.value, retries });
  ctx.respond({});
};

export const updateTimeoutProcessor: CommandProcessor<'JOB'> = (command, ctx) => {
  const job = ctx.state.jobs.get(command.key);
  if (!job) {
    ctx.reject('NOT_FOUND', `Expected to update job deadline with key '${command.key}', but no such job was found`);
    return;
  }
  if (job.state !== 'ACTIVATED') {
    ctx.reject('INVALID_STATE', `Expected to update the deadline of job with key '${command.key}', but it is not active`);
    return;
  }
  const timeout = command.value.timeout;
  ctx.event(command.key, 'JOB', 'TIMEOUT_UPDATED', { ...job.value, timeout, deadline: ctx.now + timeout });
  ctx.respond({});
};

/** JOB YIELD: a job activated for a worker that went away before receiving it becomes activatable again. */
export const yieldJobProcessor: CommandProcessor<'JOB'> = (command, ctx) => {
  const job = requireJob(ctx, command.key, 'yield', ['ACTIVATED']);
  if (!job) return;
  ctx.event(command.key, 'JOB', 'YIELDED', { ...job.value, deadline: -1, worker: '' });
};

export const recurAfterBackoffProcessor: CommandProcessor<'JOB'> = (command, ctx) => {
  const job = requireJob(ctx, command.key, 'recur', ['BACKOFF']);
  if (!job) return;
  if (job.value.recurringTime > ctx.now) {
    ctx.reject('INVALID_STATE', `Expected back-off of job with key '${command.key}' to be over, but it is not`);
    return;
  }
  ctx.event(command.key, 'JOB', 'RECURRED_AFTER_BACKOFF', { ...job.value, recurringTime: -1, retryBackoff: 0 });
};
