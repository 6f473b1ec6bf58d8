/**
 * Compensation subscriptions of running process instances (Zeebe's CompensationSubscriptionState);
 * changed only by the COMPENSATION_SUBSCRIPTION appliers.
 */
import type { CompensationSubscriptionValue } from '../protocol/compensation-records.ts';

/** One compensation subscription with its key. */
export interface CompensationSubscription {
  readonly key: number;
  readonly value: CompensationSubscriptionValue;
}

/** Read access. */
export interface ReadonlyCompensationState {
  /** Subscriptions of a process instance (created and triggered ones), oldest first. */
  subscriptionsOf(processInstanceKey: number): readonly CompensationSubscription[];
  /** Subscriptions a throw event instance triggered and that are not completed yet. */
  triggeredBy(processInstanceKey: number, throwEventInstanceKey: number): readonly CompensationSubscription[];
  get(key: number): CompensationSubscription | undefined;
  /** Count of open subscriptions (tests). */
  readonly size: number;
}

/** Mutable compensation subscription state. */
export class CompensationState implements ReadonlyCompensationState {
  private readonly byInstance = new Map<number, Map<number, CompensationSubscriptionValue>>();

  get size(): number {
    let size = 0;
    for (const subscriptions of this.byInstance.values()) size += subscriptions.size;
    return size;
  }

  subscriptionsOf(processInstanceKey: number): readonly CompensationSubscription[] {
    const subscriptions = this.byInstance.get(processInstanceKey);
    if (!subscriptions) return [];
    return [...subscriptions].sort((a, b) => a[0] - b[0]).map(([key, value]) => ({ key, value }));
  }

  triggeredBy(processInstanceKey: number, throwEventInstanceKey: number): readonly CompensationSubscription[] {
    return this.subscriptionsOf(processInstanceKey).filter((s) => s.value.throwEventInstanceKey === throwEventInstanceKey);
  }

  get(key: number): CompensationSubscription | undefined {
    for (const subscriptions of this.byInstance.values()) {
      const value = subscriptions.get(key);
      if (value) return { key, value };
    }
    return undefined;
  }

  /** Creates or replaces (TRIGGERED) a subscription. */
  put(key: number, value: CompensationSubscriptionValue): void {
    let subscriptions = this.byInstance.get(value.processInstanceKey);
    if (!subscriptions) this.byInstance.set(value.processInstanceKey, (subscriptions = new Map()));
    subscriptions.set(key, { ...value });
  }

  remove(key: number, processInstanceKey: number): void {
    const subscriptions = this.byInstance.get(processInstanceKey);
    if (!subscriptions) return;
    subscriptions.delete(key);
    if (subscriptions.size === 0) this.byInstance.delete(processInstanceKey);
  }

  /** Comparable snapshot for the replay test. */
  snapshot(): unknown {
    return [...this.byInstance.values()].flatMap((subscriptions) => [...subscriptions]).sort((a, b) => a[0] - b[0]);
  }
}
