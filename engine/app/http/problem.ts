import type { ErrorRequestHandler, RequestHandler } from 'express';

/** An RFC 9457 problem document as every API error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Which request field was wrong, when one was. */
  field?: string;
  /** Further problems, e.g. one per invalid field or per BPMN element. */
  errors?: Array<{ field?: string; element?: string; message: string }>;
  requestId?: string;
}

/** Throw (or pass to next) from any route to answer with application/problem+json. */
export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly field: string | undefined;
  readonly errors: Problem['errors'];
  readonly type: string;

  constructor(status: number, title: string, detail?: string, extra: { field?: string; errors?: Problem['errors']; type?: string } = {}) {
    super(detail ?? title);
    this.name = 'ProblemError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.field = extra.field;
    this.errors = extra.errors;
    this.type = extra.type ?? 'about:blank';
  }
}

/** Sends a problem document. */
export function sendProblem(res: Parameters<RequestHandler>[1], problem: Problem): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** 404 for every route nobody answered. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, {
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: `No route for ${req.method} ${req.path}`,
    instance: req.originalUrl,
    requestId: String(req.id ?? ''),
  });
};

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  expose?: boolean;
}

/** Turns any thrown error into a problem document; unexpected errors are logged and hidden. */
export const problemErrorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const requestId = String(req.id ?? '');
  if (err instanceof ProblemError) {
    sendProblem(res, {
      type: err.type,
      title: err.title,
      status: err.status,
      ...(err.detail !== undefined ? { detail: err.detail } : {}),
      ...(err.field !== undefined ? { field: err.field } : {}),
      ...(err.errors !== undefined ? { errors: err.errors } : {}),
      instance: req.originalUrl,
      requestId,
    });
    return;
  }
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpLikeError;
  const status = e.status ?? e.statusCode ?? 500;
  if (status >= 400 && status < 500 && e.expose !== false) {
    // body-parser and friends: malformed JSON, payload too large, unsupported charset …
    const title = e.type === 'entity.parse.failed' ? 'Malformed JSON body' : e.type === 'entity.too.large' ? 'Request body too large' : 'Bad Request';
    sendProblem(res, { type: 'about:blank', title, status, detail: e.message ?? title, instance: req.originalUrl, requestId });
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  sendProblem(res, {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: `An unexpected error occurred; quote request id ${requestId} when reporting it.`,
    instance: req.originalUrl,
    requestId,
  });
};
