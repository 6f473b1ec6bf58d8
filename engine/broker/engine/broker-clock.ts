/**
 * The broker's clock. By default it is the system clock; with `controllableClock` it stands still
 * and only moves when {@link BrokerClock.advance} is called, so tests of timers and deadlines never sleep.
 */
import { ClockNotControllableError } from '../errors.ts';

/** Time source of processing (record timestamps, timer due dates, job deadlines, message TTL). */
export class BrokerClock {
  private current: number;
  private readonly listeners = new Set<() => Promise<void>>();

  constructor(
    /** Whether time only moves through advance(). */
    readonly controllable: boolean,
    startAt?: number,
  ) {
    this.current = startAt ?? Date.now();
  }

  /** Now, in ms since the epoch. */
  now(): number {
    return this.controllable ? this.current : Date.now();
  }

  /** Called after every advance (the due-date checker); advance() waits for them. */
  onAdvance(listener: () => Promise<void>): void {
    this.listeners.add(listener);
  }

  /** Moves a controllable clock forward and waits until what became due was processed. */
  async advance(ms: number): Promise<void> {
    if (!this.controllable) throw new ClockNotControllableError();
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`The clock can only move forward, got ${ms} ms`);
    this.current += ms;
    for (const listener of this.listeners) await listener();
  }
}
