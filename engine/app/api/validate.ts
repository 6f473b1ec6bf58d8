import type { z } from 'zod';
import { ProblemError } from '../http/problem.ts';

/** Parses a request part with a zod schema; on failure a 400 problem naming each bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params' = 'body'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), message: i.message }));
  const first = errors[0]!;
  throw new ProblemError(400, 'Invalid request', `${first.field}: ${first.message}`, { field: first.field, errors, type: 'https://streetflow.dev/problems/validation' });
}

/** 404 naming what was not found. */
export function notFound(what: string, id: string): ProblemError {
  return new ProblemError(404, 'Not Found', `${what} ${id} does not exist`);
}
