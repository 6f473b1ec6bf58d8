/** Clients waiting for CreateProcessInstanceWithResult, by process instance key. Transient, never logged. */
import type { VariableDocument } from '../protocol/record.ts';

/** One waiting client. */
export interface ResultAwaiter {
  processInstanceKey?: number;
  done: boolean;
  resolve(variables: VariableDocument): void;
}

/** Registry of waiting clients. */
export class ResultAwaiters {
  private readonly awaiters = new Map<number, ResultAwaiter>();

  register(processInstanceKey: number, awaiter: unknown): void {
    if (!awaiter || typeof awaiter !== 'object') return;
    const a = awaiter as ResultAwaiter;
    a.processInstanceKey = processInstanceKey;
    this.awaiters.set(processInstanceKey, a);
  }

  has(processInstanceKey: number): boolean {
    return this.awaiters.has(processInstanceKey);
  }

  resolve(processInstanceKey: number, variables: VariableDocument): void {
    const awaiter = this.awaiters.get(processInstanceKey);
    this.awaiters.delete(processInstanceKey);
    if (awaiter && !awaiter.done) {
      awaiter.done = true;
      awaiter.resolve(variables);
    }
  }

  /** Forgets a client that gave up (timeout, cancelled call). */
  forget(awaiter: ResultAwaiter): void {
    awaiter.done = true;
    if (awaiter.processInstanceKey !== undefined) this.awaiters.delete(awaiter.processInstanceKey);
  }
}
