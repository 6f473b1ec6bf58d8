/** Raised when one or more environment variables hold values Streetflow cannot use. */
export class ConfigError extends Error {
  /** One line per bad variable: `NAME: what is wrong (allowed: …)`. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
