/** Finds due timers and expired messages (against the broker clock) and submits TIMER TRIGGER / MESSAGE EXPIRE. */
import type { CommandOutcome, StreamProcessor } from '../processing/stream-processor.ts';
import type { ReadonlyEngineState } from '../state/engine-state.ts';
import type { BrokerClock } from './broker-clock.ts';

/** How many due timers or expired messages one check hands to the processor. */
const CHECK_LIMIT = 1_000;
/** Passes one check makes at most (a zero-length timer cycle would otherwise never let it end). */
const MAX_PASSES = 10_000;

/**
 * Checks due dates; one check at a time. A check asked for while one runs is not merged into it
 * (that one may have read the clock before it moved): the running check makes one more pass, and
 * both callers wait for that pass.
 */
export class DueDateChecker {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly state: ReadonlyEngineState,
    private readonly processor: StreamProcessor,
    private readonly clock: BrokerClock,
  ) {}

  /**
   * Triggers what is due now; resolves once those commands are durable. Passes repeat while a pass
   * wrote events, so a timer cycle whose next repetition is already due fires again (as in Zeebe),
   * at most {@link MAX_PASSES} times per check.
   */
  check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runUntilQuiet();
    return this.running;
  }

  /** Stops checking; resolves once a running check finished (nothing is submitted afterwards). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async runUntilQuiet(): Promise<void> {
    try {
      do {
        this.again = false;
        for (let pass = 0; pass < MAX_PASSES && !this.stopped; pass++) {
          if ((await this.pass()) === 0) break;
        }
      } while (this.again && !this.stopped);
    } finally {
      // Cleared in the same step as the last look at `again`: a check asked for after it starts a new run.
      this.running = undefined;
    }
  }

  /** Submits TRIGGER / EXPIRE for what is due at this moment; returns how many of them wrote events (were not rejected). */
  private async pass(): Promise<number> {
    const now = this.clock.now();
    const submitted: Promise<boolean>[] = [];
    const wroteEvents = (outcome: CommandOutcome): boolean => outcome.records.some((r) => r.recordType === 'EVENT');
    const events = this.state.events;
    for (const key of events.dueTimers(now, CHECK_LIMIT)) {
      const timer = events.timer(key);
      if (!timer) continue;
      // A timer of an element that is not active (stuck COMPLETING on an output mapping incident keeps its
      // boundary timers, as in Zeebe) waits: its TRIGGER would be rejected at every check. Completing or
      // terminating the element cancels it.
      const holder = timer.elementInstanceKey > 0 ? this.state.elementInstances.get(timer.elementInstanceKey) : undefined;
      if (holder && holder.state !== 'ELEMENT_ACTIVATED') continue;
      submitted.push(this.processor.submit({ key, valueType: 'TIMER', intent: 'TRIGGER', value: timer }, true).then(wroteEvents, () => false));
    }
    for (const key of events.expiredMessages(now, CHECK_LIMIT)) {
      const message = events.message(key);
      if (!message) continue;
      submitted.push(this.processor.submit({ key, valueType: 'MESSAGE', intent: 'EXPIRE', value: message }, true).then(wroteEvents, () => false));
    }
    return (await Promise.all(submitted)).filter(Boolean).length;
  }
}
