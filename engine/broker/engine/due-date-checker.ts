/** Finds due timers and expired messages (against the broker clock) and submits TIMER TRIGGER / MESSAGE EXPIRE. */
import type { StreamProcessor } from '../processing/stream-processor.ts';
import type { ReadonlyEngineState } from '../state/engine-state.ts';
import type { BrokerClock } from './broker-clock.ts';

/** How many due timers or expired messages one check hands to the processor. */
const CHECK_LIMIT = 1_000;

/** Checks due dates; one check at a time. */
export class DueDateChecker {
  private running: Promise<void> | undefined;

  constructor(
    private readonly state: ReadonlyEngineState,
    private readonly processor: StreamProcessor,
    private readonly clock: BrokerClock,
  ) {}

  /** Triggers what is due now; resolves once those commands are durable. Repeats while a full batch was due. */
  check(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const submitted: Promise<unknown>[] = [];
      const events = this.state.events;
      for (const key of events.dueTimers(now, CHECK_LIMIT)) {
        const timer = events.timer(key);
        if (!timer) continue;
        submitted.push(this.processor.submit({ key, valueType: 'TIMER', intent: 'TRIGGER', value: timer }, true).catch(() => undefined));
      }
      for (const key of events.expiredMessages(now, CHECK_LIMIT)) {
        const message = events.message(key);
        if (!message) continue;
        submitted.push(this.processor.submit({ key, valueType: 'MESSAGE', intent: 'EXPIRE', value: message }, true).catch(() => undefined));
      }
      await Promise.all(submitted);
      if (submitted.length < CHECK_LIMIT) return;
    }
  }
}
