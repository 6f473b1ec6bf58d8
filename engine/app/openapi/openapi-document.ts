import { z } from 'zod';
import type { RouteSpec } from '../api/api-router.ts';

type Json = Record<string, unknown>;

const problem: Json = {
  type: 'object',
  description: 'RFC 9457 problem document',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    field: { type: 'string', description: 'the request field that was wrong, e.g. body.applicant.name' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, element: { type: 'string' }, message: { type: 'string' } } } },
    requestId: { type: 'string' },
  },
};

function schemaOf(t: z.ZodType): Json {
  try {
    return z.toJSONSchema(t, { io: 'input', unrepresentable: 'any' }) as Json;
  } catch {
    return { type: 'object' };
  }
}

/** Builds the OpenAPI 3.1 document from the registered routes: paths, roles, bodies, queries, errors. */
export function openApiDocument(specs: RouteSpec[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const s of specs) {
    const path = `/api${s.path.replace(/:(\w+)/g, '{$1}')}`;
    const params = [...s.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (s.query) {
      const q = schemaOf(s.query) as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) params.push({ name, in: 'query', required: (q.required ?? []).includes(name) as never, schema: schema as never });
    }
    const responses: Record<string, Json> = {
      [String(s.status ?? 200)]: { description: 'OK', ...(s.status === 204 ? {} : { content: { [s.produces ?? 'application/json']: { schema: {} } } }) },
      '400': { description: 'Invalid request (names the field)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    };
    if (s.access !== 'public') responses['401'] = { description: 'Not logged in or session ended', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    if (Array.isArray(s.access)) responses['403'] = { description: `Needs role ${s.access.join(' or ')} (or admin)`, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    paths[path] ??= {};
    paths[path][s.method] = {
      tags: [s.tag],
      summary: s.summary,
      'x-roles': s.access,
      ...(s.access === 'public' ? { security: [] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(s.body) } } } } : {}),
      ...(s.rawBody ? { requestBody: { required: true, content: { [s.rawBody]: { schema: { type: 'string', format: 'binary' } } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Streetflow case service', version, description: 'Approval flows for street and township offices: organisation, deployments, cases, worklist, approval operations, deadlines, tamper-evident history.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: { Problem: problem } },
    security: [{ bearer: [] }],
    paths,
  };
}
