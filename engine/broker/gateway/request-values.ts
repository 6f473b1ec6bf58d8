/** Parses request fields: int64 keys (sent as strings), JSON variable documents. */
import { DEFAULT_TENANT, type VariableDocument } from '../protocol/record.ts';
import { invalidArgument } from './gateway-errors.ts';

/** An int64 field as a number (keys stay below 2^53). */
export function toNumber(value: string | number | undefined | null): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** A key field that must be given. */
export function requireKey(value: string | number | undefined | null, field: string): number {
  const n = toNumber(value);
  if (n <= 0) throw invalidArgument(`Expected ${field} to be a positive key, but got '${String(value ?? '')}'`);
  return n;
}

/** A JSON object of variables; empty text means no variables. */
export function parseVariables(text: string | undefined, field = 'variables'): VariableDocument {
  if (!text || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw invalidArgument(
      `Property '${field}' is invalid: Expected document to be a root level object, but was not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidArgument(`Property '${field}' is invalid: Expected document to be a root level object, but was '${Array.isArray(parsed) ? 'ARRAY' : typeof parsed}'`);
  }
  return parsed as VariableDocument;
}

/** Rejects a tenant other than the default one, in Zeebe's words (multi-tenancy is disabled here). */
export function requireDefaultTenant(rpc: string, tenantId: string | undefined): void {
  if (tenantId && tenantId !== DEFAULT_TENANT) {
    throw invalidArgument(`Expected to handle gRPC request ${rpc} with tenant identifier '${tenantId}', but multi-tenancy is disabled`);
  }
}
