import { ProblemError } from '../../http/problem.ts';

/** 501: the connected broker does not implement an operation this approval action needs. */
export class BrokerFeatureMissingError extends ProblemError {
  constructor(operation: string, rpc: string, brokerMessage: string) {
    super(501, 'Not Implemented', `${operation} needs the broker's ${rpc}, which the connected broker does not implement yet (${brokerMessage})`, {
      type: 'https://streetflow.dev/problems/broker-feature-missing',
    });
  }
}

/** 409: the task changed under the caller (completed, canceled, claimed by someone else). */
export class TaskConflictError extends ProblemError {
  constructor(detail: string) {
    super(409, 'Conflict', detail, { type: 'https://streetflow.dev/problems/task-conflict' });
  }
}
