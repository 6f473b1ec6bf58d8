import { ProblemError } from '../http/problem.ts';

/** 401: no valid session. */
export class UnauthenticatedError extends ProblemError {
  constructor(detail = 'Log in first: send Authorization: Bearer <token> from POST /api/auth/login') {
    super(401, 'Unauthorized', detail, { type: 'https://streetflow.dev/problems/unauthenticated' });
  }
}

/** 403: logged in, but the role or office does not allow this. */
export class ForbiddenError extends ProblemError {
  constructor(detail: string) {
    super(403, 'Forbidden', detail, { type: 'https://streetflow.dev/problems/forbidden' });
  }
}

/** 429: too many failed logins. */
export class TooManyAttemptsError extends ProblemError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'Too Many Requests', `Too many failed logins; try again in ${retryAfterSeconds} s`, { type: 'https://streetflow.dev/problems/too-many-attempts' });
  }
}
