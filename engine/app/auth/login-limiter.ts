import { TooManyAttemptsError } from './errors.ts';

/**
 * Counts failed logins per key (username, and client address) in a sliding window.
 * In memory: one application process serves an office; a restart clears the counts.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly maxFailures: number, private readonly windowMs: number, private readonly now: () => number = Date.now) {}

  /** Throws {@link TooManyAttemptsError} when any key is over the limit. */
  check(keys: string[]): void {
    const t = this.now();
    for (const key of keys) {
      const recent = (this.failures.get(key) ?? []).filter((at) => t - at < this.windowMs);
      this.failures.set(key, recent);
      if (recent.length >= this.maxFailures) {
        throw new TooManyAttemptsError(Math.ceil((recent[0]! + this.windowMs - t) / 1000));
      }
    }
  }

  fail(keys: string[]): void {
    const t = this.now();
    for (const key of keys) this.failures.set(key, [...(this.failures.get(key) ?? []), t]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
