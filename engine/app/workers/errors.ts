/** A business outcome the process model should handle (sent with ThrowError and a code). */
export class BusinessError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BusinessError';
  }
}

/** A job arrived without something it needs (a technical failure: FailJob, retried with backoff). */
export class JobInputError extends Error {
  constructor(jobType: string, what: string) {
    super(`${jobType}: ${what}`);
    this.name = 'JobInputError';
  }
}
