/**
 * Typed errors of the embedded document store. Command errors carry MongoDB's numeric code and
 * codeName so the driver surfaces them exactly as it would from a real server.
 */
import type { Document } from 'bson';

/** MongoDB error codes used by docdb, with their codeName. */
export const ErrorCodes = {
  BadValue: 2,
  InvalidLength: 16,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CannotCreateIndex: 67,
  NoMatchingDocument: 47,
  ChangeStreamFatalError: 280,
  InvalidIndexSpecificationOption: 197,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  ImmutableField: 66,
  InvalidOptions: 72,
  NoSuchTransaction: 251,
  UnsatisfiableWriteConcern: 100,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  WriteConflict: 112,
  ConflictingOperationInProgress: 117,
  Location40573: 40573,
  Location40602: 40602,
  Location40601: 40601,
  InvalidBSON: 22,
  BSONObjectTooLarge: 10334,
  DocumentTooLargeAfterUpdate: 17419,
  DuplicateKey: 11000,
  InternalError: 1,
  NotImplemented: 238,
  Unauthorized: 13,
} as const;

/** Name of an error code known to docdb. */
export type ErrorCodeName = keyof typeof ErrorCodes;

/** An error answered to the client as `{ ok: 0, errmsg, code, codeName, ...extra }`. */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(codeName: ErrorCodeName, message: string, extra: Document = {}) {
    super(message);
    this.name = 'MongoCommandError';
    this.code = ErrorCodes[codeName];
    this.codeName = codeName.startsWith('Location') || codeName === 'DocumentTooLargeAfterUpdate' ? '' : codeName;
    this.extra = extra;
  }

  /** The reply document MongoDB sends for this error. */
  toReply(): Document {
    const reply: Document = { ok: 0, errmsg: this.message, code: this.code };
    if (this.codeName) reply.codeName = this.codeName;
    return { ...reply, ...this.extra };
  }
}

/** A frame that violates the wire protocol; the connection that sent it is closed. */
export class WireProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireProtocolError';
  }
}

/** Invalid options given to startDocDb or the CLI. */
export class DocDbOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocDbOptionsError';
  }
}

/** Convenience constructors for the most frequent command errors. */
export const badValue = (msg: string): MongoCommandError => new MongoCommandError('BadValue', msg);
export const failedToParse = (msg: string): MongoCommandError => new MongoCommandError('FailedToParse', msg);
export const typeMismatch = (msg: string): MongoCommandError => new MongoCommandError('TypeMismatch', msg);
