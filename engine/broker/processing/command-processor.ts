/** The command processor contract: one per (value type, command intent); the map type makes the registry exhaustive. */
import type { CommandIntents, CommandValueType } from '../protocol/intents.ts';
import type { CommandRecord } from '../protocol/record.ts';
import type { ProcessingContext } from './processing-context.ts';

/** Decides what a command leads to, writing events, follow-up commands or a rejection. Never changes state itself. */
export type CommandProcessor<V extends CommandValueType> = (command: CommandRecord<V>, ctx: ProcessingContext) => void;

/** Every command processor of the engine. */
export type CommandProcessors = { [V in CommandValueType]: { [I in CommandIntents[V]]: CommandProcessor<V> } };
