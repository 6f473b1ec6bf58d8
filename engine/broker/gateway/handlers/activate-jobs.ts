/**
 * ActivateJobs with long polling: answers at once when jobs are activatable, otherwise holds the
 * request until a job of the type arrives or requestTimeout passes (0 = 10 s default, < 0 = no waiting).
 */
import * as grpc from '@grpc/grpc-js';
import type { ActivationRequest, JobWaiter } from '../../engine/job-activations.ts';
import type { ActivatedJobResult } from '../../processing/job/activate-jobs-processor.ts';
import { BackpressureError } from '../../processing/stream-processor.ts';
import type { StreamHandler } from '../gateway-context.ts';
import { GatewayError, invalidArgument } from '../gateway-errors.ts';
import { toActivatedJob } from '../job-mapping.ts';
import { toNumber } from '../request-values.ts';

interface ActivateJobsRequest {
  type: string;
  worker: string;
  timeout: string;
  maxJobsToActivate: number;
  fetchVariable: string[];
  requestTimeout: string;
  tenantIds: string[];
}

const DEFAULT_LONG_POLLING_MS = 10_000;

/** Validates an activation request as Zeebe's gateway does. */
export function activationRequest(request: ActivateJobsRequest): ActivationRequest {
  if (!request.type) throw invalidArgument('Expected to activate jobs with a non-blank type, but it was blank');
  const timeout = toNumber(request.timeout);
  if (timeout < 1) throw invalidArgument(`Expected to activate jobs with a timeout greater than 0, but it was ${timeout}`);
  if ((request.maxJobsToActivate ?? 0) < 1) {
    throw invalidArgument(`Expected to activate jobs with maxJobsToActivate greater than 0, but it was ${request.maxJobsToActivate}`);
  }
  return {
    type: request.type,
    worker: request.worker ?? '',
    timeout,
    maxJobsToActivate: request.maxJobsToActivate,
    fetchVariables: request.fetchVariable ?? [],
    tenantIds: request.tenantIds ?? [],
  };
}

export const activateJobs: StreamHandler<ActivateJobsRequest> = async (call, ctx) => {
  const fail = (err: unknown): void => {
    if (err instanceof GatewayError) call.emit('error', err.toServiceError());
    else if (err instanceof BackpressureError) call.emit('error', new GatewayError(grpc.status.RESOURCE_EXHAUSTED, err.message).toServiceError());
    else call.emit('error', new GatewayError(grpc.status.INTERNAL, err instanceof Error ? err.message : String(err)).toServiceError());
  };
  let request: ActivationRequest;
  try {
    request = activationRequest(call.request);
  } catch (err) {
    fail(err);
    return;
  }
  const respond = (jobs: ActivatedJobResult[]): void => {
    if (jobs.length > 0) call.write({ jobs: jobs.map(toActivatedJob) });
    call.end();
  };
  let jobs: ActivatedJobResult[];
  try {
    jobs = await ctx.engine.activateJobs(request);
  } catch (err) {
    fail(err);
    return;
  }
  const requestTimeout = toNumber(call.request.requestTimeout);
  if (call.cancelled) {
    ctx.engine.jobActivations.giveBack(jobs);
    return;
  }
  if (jobs.length > 0 || requestTimeout < 0) {
    respond(jobs);
    return;
  }
  const waitMs = requestTimeout === 0 ? DEFAULT_LONG_POLLING_MS : requestTimeout;
  const waiter: JobWaiter = {
    request,
    closed: false,
    deliver: (delivered) => {
      clearTimeout(timer);
      respond(delivered);
    },
  };
  const timer = setTimeout(() => {
    ctx.engine.jobActivations.removeWaiter(waiter);
    respond([]);
  }, waitMs);
  call.on('cancelled', () => {
    clearTimeout(timer);
    ctx.engine.jobActivations.removeWaiter(waiter);
  });
  ctx.engine.jobActivations.addWaiter(waiter);
  // A job may have become activatable between the first attempt and registration.
  ctx.engine.jobActivations.notify([request.type]);
};
