import { ApiProblemError, ApiUnreachableError, type ProblemItem } from './errors.ts';

let token: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Sets the bearer token sent with every request (null after logout). */
export function setToken(value: string | null): void {
  token = value;
}

/** Registers what happens when the server answers 401 (the session expired). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

interface ProblemBody { title?: string; detail?: string; errors?: ProblemItem[] }

/** Calls the API and returns the parsed JSON; problem+json answers become ApiProblemError. */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiUnreachableError(url, err);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && onUnauthorized && !url.endsWith('/auth/login')) onUnauthorized();
    const p = (parsed ?? {}) as ProblemBody;
    throw new ApiProblemError(res.status, p.title ?? res.statusText ?? `HTTP ${res.status}`, p.detail, p.errors ?? []);
  }
  return parsed as T;
}
