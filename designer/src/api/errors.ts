/** One entry of a problem's `errors` list: which field or BPMN element was wrong, and why. */
export interface ProblemItem {
  field?: string;
  element?: string;
  message: string;
}

/** An application/problem+json response turned into an exception. */
export class ApiProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly items: ProblemItem[];

  constructor(status: number, title: string, detail?: string, items: ProblemItem[] = []) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiProblemError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.items = items;
  }
}

/** The server could not be reached at all (network down, server not started). */
export class ApiUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`无法连接服务器 (${url}): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ApiUnreachableError';
  }
}
