/**
 * The same models executed in-process by the npm package `bpmn-engine`, as a reference: no gRPC, no
 * durability. Service tasks complete on the next tick (as an instant worker would), the user task is
 * signalled as soon as it waits, and the gateway's FEEL condition is evaluated with feelin.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { Engine } from 'bpmn-engine';
import { BpmnModdle } from 'bpmn-moddle';
import { evaluate } from 'feelin';
import { now, quantile, sleep } from './stats.ts';
import type { ThroughputResult } from './zeebe-phases.ts';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;

/** Parsed once per model; every instance gets its own Engine over the same moddle context. */
export async function parseForReference(xml: string): Promise<unknown> {
  return new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml);
}

interface ReferenceEnvironment {
  output: Record<string, unknown>;
  variables: Record<string, unknown>;
}

interface ReferenceActivity {
  type: string;
  environment: ReferenceEnvironment;
  behaviour: { Service?: unknown };
}

interface ServiceExecuteCallback {
  (error: Error | null, output?: Record<string, unknown>): void;
}

/** A service behaviour that completes at once and writes its output to the process output. */
function InstantService(this: { execute: (msg: unknown, cb: ServiceExecuteCallback) => void }, activity: ReferenceActivity) {
  this.execute = (_msg, cb) => {
    setImmediate(() => {
      activity.environment.output.worked = true;
      cb(null, { worked: true });
    });
  };
}

/** bpmn-elements calls each extension with every element; this one gives service tasks a worker. */
type EngineOptions = NonNullable<ConstructorParameters<typeof Engine>[0]>;

const extensions: EngineOptions['extensions'] = {
  instantWorkers(element) {
    const activity = element as unknown as ReferenceActivity;
    if (activity.type === 'bpmn:ServiceTask') activity.behaviour.Service = InstantService;
    return { activate() {}, deactivate() {} };
  },
};

/** Zeebe-style expressions: `=…` is FEEL over output + variables; anything else is a literal. */
const expressions = {
  resolveExpression(expression: string, context: { environment: ReferenceEnvironment }) {
    if (typeof expression !== 'string' || !expression.startsWith('=')) return expression;
    const { value } = evaluate(expression.slice(1), { ...context.environment.variables, ...context.environment.output });
    return value;
  },
  isExpression: (text: unknown) => typeof text === 'string' && text.startsWith('='),
  hasExpression: (text: unknown) => typeof text === 'string' && text.startsWith('='),
};

interface WaitApi {
  environment: ReferenceEnvironment;
  signal(output?: Record<string, unknown>): void;
}

/** Runs one instance to its end; resolves with whether it reached an end event without error. */
export async function runReferenceInstance(moddleContext: unknown, name: string): Promise<Record<string, unknown>> {
  const listener = new EventEmitter();
  listener.on('wait', (api: WaitApi) => {
    api.environment.output.approved = true;
    api.signal({ approved: true });
  });
  const engine = new Engine({ name, moddleContext, extensions, expressions, settings: {} });
  const ended = engine.waitFor('end');
  await engine.execute({ listener, variables: { decision: true } });
  await ended;
  return { ...engine.environment.output };
}

/** Closed-loop throughput of bpmn-engine at `concurrency` instances in flight. */
export async function referenceThroughput(
  moddleContext: unknown,
  name: string,
  concurrency: number,
  warmupS: number,
  durationS: number,
): Promise<ThroughputResult> {
  const start = now();
  const windowStart = start + warmupS * 1000;
  const windowEnd = windowStart + durationS * 1000;
  const latencies: number[] = [];
  let completedTotal = 0;
  let errors = 0;
  let firstError: string | undefined;
  const creator = async (): Promise<void> => {
    while (now() < windowEnd) {
      const t = now();
      try {
        await runReferenceInstance(moddleContext, name);
        const done = now();
        completedTotal++;
        if (done >= windowStart && done <= windowEnd) latencies.push(done - t);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
        await sleep(10);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, creator));
  return {
    rate: latencies.length / durationS,
    completed: latencies.length,
    completedTotal,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
    firstError,
  };
}
