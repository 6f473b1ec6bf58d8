/** gRPC status codes the case service reacts to. */
export const GRPC = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, FAILED_PRECONDITION: 9, UNIMPLEMENTED: 12, UNAVAILABLE: 14 } as const;

/** The gRPC status code of a zeebe-node error (from `.code`, or the "12 UNIMPLEMENTED: …" message prefix). */
export function grpcCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === 'number') return e.code;
  const m = typeof e.message === 'string' ? /^(\d{1,2}) [A-Z_]+:/.exec(e.message) : null;
  return m ? Number(m[1]) : undefined;
}

/** The error text of a zeebe-node / gRPC error. */
export function grpcMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as { details?: unknown; message?: unknown };
    if (typeof e.details === 'string' && e.details !== '') return e.details;
    if (typeof e.message === 'string') return e.message;
  }
  return String(err);
}
