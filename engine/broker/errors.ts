/** Typed errors of the embedded broker. */

/** The record log was used after it was closed. */
export class LogClosedError extends Error {
  constructor() {
    super('the broker record log is closed');
    this.name = 'LogClosedError';
  }
}

/** The broker could not start (bad options, port in use, unreadable data directory). */
export class BrokerStartError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the embedded broker could not start: ${reason}`, options);
    this.name = 'BrokerStartError';
  }
}

/** A variables document was not a JSON object. */
export class InvalidVariablesError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidVariablesError';
  }
}

/** The clock was asked to move although the broker runs on the system clock. */
export class ClockNotControllableError extends Error {
  constructor() {
    super('the broker clock is not controllable; start the broker with controllableClock: true (CLI: --controllable-clock)');
    this.name = 'ClockNotControllableError';
  }
}
