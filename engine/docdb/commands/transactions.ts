/** Multi-document transactions need a replica set; docdb is a standalone and refuses them as mongod does. */
import { MongoCommandError } from '../errors.ts';
import type { CommandHandler } from './context.ts';

/** The error mongod (standalone) answers to txnNumber / commitTransaction / abortTransaction. */
export function transactionsUnsupported(): MongoCommandError {
  return new MongoCommandError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
}

export const transactionCommand: CommandHandler = () => {
  throw transactionsUnsupported();
};
