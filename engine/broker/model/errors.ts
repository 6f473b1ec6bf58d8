import { formatDeploymentRejection, formatRejectionReason } from './format-rejection.ts';
import type { ResourceProblem } from './types.ts';

/**
 * One or more deployment resources are invalid. `problems` lists every problem found;
 * `message` reads like Zeebe's rejection as a client sees it ("Command 'CREATE' rejected with
 * code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following
 * errors: …"), and `rejectionReason` is the same text without the command prefix (what a
 * COMMAND_REJECTION record carries).
 */
export class ResourceValidationError extends Error {
  override readonly name = 'ResourceValidationError';
  readonly problems: readonly ResourceProblem[];
  readonly rejectionReason: string;

  constructor(problems: readonly ResourceProblem[]) {
    super(formatDeploymentRejection(problems));
    this.problems = problems;
    this.rejectionReason = formatRejectionReason(problems);
  }

  /** Combines the errors of several resources of one deployment into one error. */
  static combine(errors: readonly ResourceValidationError[]): ResourceValidationError {
    return new ResourceValidationError(errors.flatMap((error) => error.problems));
  }
}
