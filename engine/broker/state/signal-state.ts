/** Open signal subscriptions (catch events, boundary events, start events); changed only by SIGNAL_SUBSCRIPTION appliers. */
import type { SignalSubscriptionValue } from '../protocol/event-records.ts';

/** One open signal subscription with its key. */
export interface OpenSignalSubscription {
  readonly key: number;
  readonly value: SignalSubscriptionValue;
}

/** Read access. */
export interface ReadonlySignalState {
  /** Subscriptions waiting for a signal name, oldest first. */
  subscriptionsFor(signalName: string): readonly OpenSignalSubscription[];
  /** Subscriptions of an element instance (or, with -1, none: start events are found by definition). */
  subscriptionsOf(elementInstanceKey: number): readonly OpenSignalSubscription[];
  /** Start-event subscriptions of a process definition. */
  startSubscriptionsOf(processDefinitionKey: number): readonly OpenSignalSubscription[];
  has(key: number): boolean;
}

/** Mutable signal subscription state. */
export class SignalState implements ReadonlySignalState {
  private readonly subscriptions = new Map<number, SignalSubscriptionValue>();

  subscriptionsFor(signalName: string): readonly OpenSignalSubscription[] {
    return this.select((value) => value.signalName === signalName);
  }
  subscriptionsOf(elementInstanceKey: number): readonly OpenSignalSubscription[] {
    return elementInstanceKey > 0 ? this.select((value) => value.catchEventInstanceKey === elementInstanceKey) : [];
  }
  startSubscriptionsOf(processDefinitionKey: number): readonly OpenSignalSubscription[] {
    return this.select((value) => value.catchEventInstanceKey <= 0 && value.processDefinitionKey === processDefinitionKey);
  }
  has(key: number): boolean {
    return this.subscriptions.has(key);
  }
  put(key: number, value: SignalSubscriptionValue): void {
    this.subscriptions.set(key, value);
  }
  remove(key: number): void {
    this.subscriptions.delete(key);
  }
  snapshot(): unknown {
    return [...this.subscriptions].sort((a, b) => a[0] - b[0]);
  }

  private select(test: (value: SignalSubscriptionValue) => boolean): OpenSignalSubscription[] {
    const result: OpenSignalSubscription[] = [];
    for (const [key, value] of this.subscriptions) if (test(value)) result.push({ key, value });
    return result.sort((a, b) => a.key - b.key);
  }
}
