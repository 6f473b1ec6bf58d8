/** Engine services processors may call that are not state (waiting requests, derived caches). */
import type { ExecutableProcess } from '../model/index.ts';
import type { VariableDocument } from '../protocol/record.ts';

/** Hooks from processors into the engine's transient, non-logged parts. */
export interface EngineHooks {
  /** Registers a client waiting for the result (transient is the gateway's awaiter). */
  awaitResult(processInstanceKey: number, awaiter: unknown): void;
  /** Whether a client waits for the result of this process instance. */
  awaitsResult(processInstanceKey: number): boolean;
  /** Hands a completed instance's variables to its waiting client (call from afterCommit). */
  resolveResult(processInstanceKey: number, variables: VariableDocument): void;
  /** Registers the executable model of a newly deployed process. */
  registerModel(processDefinitionKey: number, model: ExecutableProcess): void;
}
