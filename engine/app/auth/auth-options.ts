/** Tunables of authentication. */
export interface AuthOptions {
  /** How long a session lives. */
  sessionTtlMs: number;
  /** Failed logins allowed per username and per client address within {@link AuthOptions.windowMs}. */
  maxFailures: number;
  windowMs: number;
  /** bcrypt cost. */
  bcryptRounds: number;
}

export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  sessionTtlMs: 12 * 3_600_000,
  maxFailures: 5,
  windowMs: 15 * 60_000,
  bcryptRounds: 10,
};
