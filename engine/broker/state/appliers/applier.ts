/** The applier contract: one function per (value type, event intent); the map type makes a missing one a compile error. */
import type { EventIntents, ValueType } from '../../protocol/intents.ts';
import type { EventRecord } from '../../protocol/record.ts';
import type { MutableEngineState } from '../engine-state.ts';

/** Changes state for one event. Must be deterministic: it runs live and on replay. */
export type Applier<V extends ValueType, I extends EventIntents[V] = EventIntents[V]> = (
  state: MutableEngineState,
  record: EventRecord<V, I>,
) => void;

/** Appliers of one value type, one per event intent. */
export type ValueTypeAppliers<V extends ValueType> = { [I in EventIntents[V]]: Applier<V, I> };

/** Every applier of the engine. */
export type Appliers = { [V in ValueType]: ValueTypeAppliers<V> };
