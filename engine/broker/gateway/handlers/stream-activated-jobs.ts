/** StreamActivatedJobs: jobs of the type are pushed to the stream as they become activatable. */
import type { JobStream } from '../../engine/job-activations.ts';
import type { StreamHandler } from '../gateway-context.ts';
import { GatewayError, invalidArgument } from '../gateway-errors.ts';
import { toActivatedJob } from '../job-mapping.ts';
import { toNumber } from '../request-values.ts';

interface StreamActivatedJobsRequest {
  type: string;
  worker: string;
  timeout: string;
  fetchVariable: string[];
  tenantIds: string[];
}

export const streamActivatedJobs: StreamHandler<StreamActivatedJobsRequest> = (call, ctx) => {
  const request = call.request;
  const timeout = toNumber(request.timeout);
  let error: GatewayError | undefined;
  if (!request.type) error = invalidArgument('Expected to stream jobs with a non-blank type, but it was blank');
  else if (timeout < 1) error = invalidArgument(`Expected to stream jobs with a timeout greater than 0, but it was ${timeout}`);
  if (error) {
    call.emit('error', error.toServiceError());
    return;
  }
  const stream: JobStream = {
    request: {
      type: request.type,
      worker: request.worker ?? '',
      timeout,
      maxJobsToActivate: 32,
      fetchVariables: request.fetchVariable ?? [],
      tenantIds: request.tenantIds ?? [],
    },
    closed: false,
    push: (job) => {
      if (!stream.closed) call.write(toActivatedJob(job));
    },
  };
  const close = (): void => ctx.engine.jobActivations.removeStream(stream);
  call.on('cancelled', close);
  call.on('close', close);
  call.on('error', close);
  ctx.engine.jobActivations.addStream(stream);
};
