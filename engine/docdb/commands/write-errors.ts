/** Converts statement failures into MongoDB's writeErrors entries. */
import type { Document } from 'bson';
import { MongoCommandError } from '../errors.ts';
import { LIMITS } from '../docdb-options.ts';

/** A `writeErrors[]` entry for statement `index`; rethrows errors that are not command errors. */
export function writeError(index: number, err: unknown): Document {
  if (!(err instanceof MongoCommandError)) throw err;
  return { index, code: err.code, ...(err.codeName ? { codeName: err.codeName } : {}), errmsg: err.message, ...err.extra };
}

/** Validates a batch of statements against maxWriteBatchSize. */
export function checkBatch(items: unknown, field: string): Document[] {
  if (!Array.isArray(items)) throw new MongoCommandError('TypeMismatch', `BSON field '${field}' is missing or is not an array`);
  if (items.length === 0 || items.length > LIMITS.maxWriteBatchSize) {
    throw new MongoCommandError('InvalidLength', `Write batch sizes must be between 1 and ${LIMITS.maxWriteBatchSize}. Got ${items.length} operations.`);
  }
  return items as Document[];
}
