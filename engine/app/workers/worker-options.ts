/** Tunables of the job workers. */
export interface WorkerOptions {
  /** Job timeout of service workers. */
  serviceJobTimeoutMs: number;
  /** Job timeout of user-task jobs: long, kept alive while the task is open. */
  userTaskJobTimeoutMs: number;
  /** How often open tasks' jobs get their timeout extended. */
  keepAliveIntervalMs: number;
  /** First retry delay after a technical failure; doubles per failed attempt. */
  retryBackoffMs: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  serviceJobTimeoutMs: 60_000,
  userTaskJobTimeoutMs: 7 * 24 * 3_600_000,
  keepAliveIntervalMs: 3_600_000,
  retryBackoffMs: 2_000,
};
