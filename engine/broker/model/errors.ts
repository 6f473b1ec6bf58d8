import type { ResourceProblem } from './types.ts';

/**
 * A deployment resource is invalid. `problems` lists every problem found; `message` reads like
 * Zeebe's deployment rejection so the gateway can return it as the INVALID_ARGUMENT details.
 */
export class ResourceValidationError extends Error {
  override readonly name = 'ResourceValidationError';
  readonly problems: readonly ResourceProblem[];

  constructor(problems: readonly ResourceProblem[], message: string) {
    super(message);
    this.problems = problems;
  }
}
