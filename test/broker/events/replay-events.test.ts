import { describe, expect, it } from 'vitest';
import { liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
import { boundary, catchEvent, end, flow, message, messageDef, processXml, serviceTask, start, timerDef, withRoots } from './support/event-bpmn.ts';
import { HOUR } from './support/events-harness.ts';

const models: [string, string][] = [
  [
    'replay-timer-task.bpmn',
    processXml(
      'replay-timer-task',
      [
        start(),
        serviceTask('task', 'replay-timer-work'),
        boundary('remind', 'task', timerDef('timeCycle', 'R3/PT1H'), false),
        boundary('late', 'task', timerDef('timeDuration', 'PT10H')),
        end(),
        '<bpmn:endEvent id="reminded" />',
        '<bpmn:endEvent id="timedOut" />',
        flow('f1', 'start', 'task'),
        flow('f2', 'task', 'end'),
        flow('f3', 'remind', 'reminded'),
        flow('f4', 'late', 'timedOut'),
      ].join('\n'),
    ),
  ],
  [
    'replay-message.bpmn',
    withRoots(
      processXml('replay-message', [start(), catchEvent('wait', messageDef('rm')), end(), flow('f1', 'start', 'wait'), flow('f2', 'wait', 'end')].join('\n')),
      [message('rm', 'replay-answer', '=caseId')],
    ),
  ],
  [
    'replay-start.bpmn',
    withRoots(
      processXml(
        'replay-start',
        [
          `<bpmn:startEvent id="daily">${timerDef('timeCycle', 'R/PT24H')}</bpmn:startEvent>`,
          `<bpmn:startEvent id="applied">${messageDef('ra')}</bpmn:startEvent>`,
          serviceTask('review', 'replay-review'),
          flow('f1', 'daily', 'review'),
          flow('f2', 'applied', 'review'),
          end(),
          flow('f3', 'review', 'end'),
        ].join('\n'),
      ),
      [message('ra', 'replay-apply')],
    ),
  ],
];

describe('replay with timers and subscriptions', () => {
  const startEngine = liveEngines('streetflow-replay-events-');

  it('should rebuild exactly the live state (timers, messages, subscriptions) from the log', async () => {
    // given a broker on a controllable clock that ran a workload with events
    const run = await startEngine({ controllableClock: true });
    const { engine, client } = run;
    for (const [name, xml] of models) await client.deployResource({ name, process: Buffer.from(xml) });
    for (let n = 0; n < 3; n++) await client.createProcessInstance({ bpmnProcessId: 'replay-timer-task', variables: { n } });
    for (let n = 0; n < 4; n++) await client.createProcessInstance({ bpmnProcessId: 'replay-message', variables: { caseId: `c-${n}` } });
    await engine.clock.advance(HOUR); // one reminder per task
    await client.publishMessage({ name: 'replay-answer', correlationKey: 'c-0', variables: { ok: true }, timeToLive: 0 });
    await client.publishMessage({ name: 'replay-answer', correlationKey: 'c-9', variables: {}, timeToLive: 10 * HOUR, messageId: 'buffered' });
    await client.publishMessage({ name: 'replay-apply', correlationKey: 'a-1', variables: { who: '王五' }, timeToLive: HOUR });
    await engine.clock.advance(24 * HOUR); // tasks time out, the start timer fires once, the TTL-bound messages expire
    await client.createProcessInstance({ bpmnProcessId: 'replay-timer-task', variables: {} });

    // when
    const { live, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    // then
    const liveEvents = (live as { events: { timers: unknown[]; subscriptions: unknown[] } }).events;
    expect(liveEvents.timers.length).toBeGreaterThan(1);
    expect(liveEvents.subscriptions.length).toBeGreaterThan(0);
    expect(replayed.state.snapshot()).toEqual(live);
    await replayed.stop();
  });
});
