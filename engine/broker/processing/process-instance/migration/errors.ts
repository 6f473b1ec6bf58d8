/** Typed errors of process instance migration. */
import type { RejectionType } from '../../../protocol/intents.ts';

/** A migration precondition failed: the command is rejected with this type and reason (Zeebe's wording). */
export class MigrationRejection extends Error {
  constructor(
    readonly rejectionType: RejectionType,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationRejection';
  }
}
