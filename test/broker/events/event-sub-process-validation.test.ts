import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOf, liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
import { end, error, flow, message, messageDef, processXml, serviceTask, start, timerDef, withRoots } from './support/event-bpmn.ts';
import { errorDef, eventSubProcess } from './support/event-sub-process-bpmn.ts';
import { HOUR, startEventsHarness, type EventsHarness } from './support/events-harness.ts';
import type { InvalidModel } from './support/invalid-models.ts';

/** start → task → end plus extra elements. */
const withTask = (id: string, extra: string[], roots: string[] = []): string =>
  withRoots(processXml(id, [start(), serviceTask('task', `${id}-work`), end(), flow('f1', 'start', 'task'), flow('f2', 'task', 'end'), ...extra].join('\n')), roots);

const INVALID: readonly InvalidModel[] = [
  {
    name: 'a non-interrupting error event sub-process',
    xml: withTask('espv-err-ni', [eventSubProcess('onError', { id: 'errStart', definition: errorDef('espv-e'), interrupting: false })], [error('espv-e', 'E')]),
    elementId: 'onError',
    text: 'Non-Interrupting event of this type is not allowed',
  },
  {
    name: 'an event sub-process with a none start event',
    xml: withTask('espv-none', [eventSubProcess('noTrigger', { id: 'noneStart', definition: '', interrupting: true })]),
    elementId: 'noTrigger',
    text: 'Start events in event subprocesses must be one of: message, timer, error, signal or escalation',
  },
  {
    name: 'an event sub-process with two start events',
    xml: withTask('espv-two', [
      `<bpmn:subProcess id="twoStarts" triggeredByEvent="true"><bpmn:startEvent id="s1">${timerDef('timeDuration', 'PT1H')}</bpmn:startEvent><bpmn:startEvent id="s2">${timerDef('timeDuration', 'PT2H')}</bpmn:startEvent>${end('e1')}${flow('x1', 's1', 'e1')}${flow('x2', 's2', 'e1')}</bpmn:subProcess>`,
    ]),
    elementId: 'twoStarts',
    text: 'Must have exactly one start event',
  },
  {
    name: 'an event sub-process with an outgoing sequence flow',
    xml: withTask('espv-flow', [eventSubProcess('wired', { id: 'wiredStart', definition: timerDef('timeDuration', 'PT1H'), interrupting: true }), '<bpmn:endEvent id="after" />', flow('f9', 'wired', 'after')]),
    elementId: 'wired',
    text: 'An event subprocess must not have incoming or outgoing sequence flows',
  },
  {
    name: 'an interrupting timer cycle event sub-process',
    xml: withTask('espv-cycle', [eventSubProcess('tick', { id: 'tickStart', definition: timerDef('timeCycle', 'R/PT1H'), interrupting: true })]),
    elementId: 'tick',
    text: 'Interrupting timer event with time cycle is not allowed.',
  },
  {
    name: 'two error event sub-processes of the process catching the same code',
    xml: withTask(
      'espv-dup-code',
      [
        eventSubProcess('a', { id: 'aStart', definition: errorDef('espv-dc1'), interrupting: true }),
        eventSubProcess('b', { id: 'bStart', definition: errorDef('espv-dc2'), interrupting: true }),
      ],
      [error('espv-dc1', 'SAME'), error('espv-dc2', 'SAME')],
    ),
    elementId: 'espv-dup-code',
    text: "Multiple error catch events with the same error code 'SAME' are not supported on the same scope.",
  },
  {
    name: 'two catch-all error event sub-processes in one sub-process',
    xml: processXml(
      'espv-dup-all',
      [
        start(),
        `<bpmn:subProcess id="stage">${start('ss')}${end('se')}${flow('s1', 'ss', 'se')}${eventSubProcess('a', { id: 'aStart', definition: errorDef(), interrupting: true })}${eventSubProcess('b', { id: 'bStart', definition: errorDef(), interrupting: true })}</bpmn:subProcess>`,
        end(),
        flow('f1', 'start', 'stage'),
        flow('f2', 'stage', 'end'),
      ].join('\n'),
    ),
    elementId: 'stage',
    text: 'The same scope can not contain more than one error catch event without error code.',
  },
  {
    name: 'two message event sub-processes of one scope waiting for the same message name',
    xml: withTask(
      'espv-dup-msg',
      [
        eventSubProcess('a', { id: 'aStart', definition: messageDef('espv-m1'), interrupting: false }),
        eventSubProcess('b', { id: 'bStart', definition: messageDef('espv-m2'), interrupting: true }),
      ],
      [message('espv-m1', 'same-name', '=caseId'), message('espv-m2', 'same-name', '=caseId')],
    ),
    elementId: 'espv-dup-msg',
    text: "Multiple message event definitions with the same name 'same-name' are not allowed.",
  },
  {
    name: 'a message event sub-process whose message has no correlation key',
    xml: withTask('espv-no-key', [eventSubProcess('m', { id: 'mStart', definition: messageDef('espv-nk'), interrupting: true })], [message('espv-nk', 'no-key')]),
    elementId: 'mStart',
    text: "Message 'espv-nk': Must have a correlation key",
  },
  {
    name: 'an error event sub-process whose error code is an expression',
    xml: withTask('espv-feel-code', [eventSubProcess('f', { id: 'feelStart', definition: errorDef('espv-fc'), interrupting: true })], [error('espv-fc', '=code')]),
    elementId: 'feelStart',
    text: 'The errorCode of the error catch event is not allowed to be an expression',
  },
  {
    name: 'an error start event on the process level',
    xml: withRoots(processXml('espv-top-error', [`<bpmn:startEvent id="errTop">${errorDef('espv-te')}</bpmn:startEvent>`, end(), flow('f1', 'errTop', 'end')].join('\n')), [error('espv-te', 'X')]),
    elementId: 'errTop',
    text: "Event definitions of type 'errorEventDefinition' are currently not supported on elements of type 'startEvent'",
  },
];

describe('deploy validation of event sub-processes', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  for (const model of INVALID) {
    it(`should reject ${model.name}, naming element '${model.elementId}'`, async () => {
      // when
      const failure = await h.deploy(`${model.elementId}.bpmn`, model.xml).then(
        () => undefined,
        (e: Error) => e,
      );
      // then the problem is listed under the element it belongs to
      expect(failure, 'deployment should have been rejected').toBeDefined();
      const block = failure!.message.split('- Element: ').find((part) => part.startsWith(`${model.elementId}\n`));
      expect(block, failure!.message).toBeDefined();
      expect(block).toContain(model.text);
    });
  }

  it('should accept duration, date and cycle timers, messages with correlation keys and catch-all errors in event sub-processes', async () => {
    // given
    const xml = withTask(
      'espv-ok',
      [
        eventSubProcess('d', { id: 'dStart', definition: timerDef('timeDuration', 'PT1H'), interrupting: true }),
        eventSubProcess('t', { id: 'tStart', definition: timerDef('timeDate', '2099-01-01T00:00:00Z'), interrupting: false }),
        eventSubProcess('c', { id: 'cStart', definition: timerDef('timeCycle', 'R/PT1H'), interrupting: false }),
        eventSubProcess('m', { id: 'mStart', definition: messageDef('espv-ok-m'), interrupting: false }),
        eventSubProcess('e', { id: 'eStart', definition: errorDef(), interrupting: true }),
      ],
      [message('espv-ok-m', 'ok-msg', '=caseId')],
    );
    // then
    await expect(h.deploy('espv-ok.bpmn', xml)).resolves.toBeDefined();
  });
});

describe('replay with event sub-processes', () => {
  const startEngine = liveEngines('streetflow-replay-esp-');

  it('should rebuild exactly the live state (running event sub-processes, their timers and subscriptions) from the log', async () => {
    // given a workload: reminders repeating and running, a message start waiting, interrupted and error-caught instances
    const run = await startEngine({ controllableClock: true });
    const { engine, client } = run;
    const xml = withTask(
      'espr',
      [
        eventSubProcess('remind', { id: 'remindStart', definition: timerDef('timeCycle', 'R5/PT1H'), interrupting: false }, 'espr-remind'),
        eventSubProcess('withdraw', { id: 'withdrawStart', definition: messageDef('espr-m'), interrupting: true }),
        eventSubProcess('onError', { id: 'errorStart', definition: errorDef(), interrupting: true }, 'espr-repair'),
      ],
      [message('espr-m', 'espr-withdraw', '=caseId')],
    );
    await client.deployResource({ name: 'espr.bpmn', process: Buffer.from(xml) });
    const keys: string[] = [];
    for (let n = 0; n < 4; n++) keys.push((await client.createProcessInstance({ bpmnProcessId: 'espr', variables: { caseId: `r-${n}` } })).processInstanceKey);
    await engine.clock.advance(HOUR);
    await engine.clock.advance(HOUR);
    await client.publishMessage({ name: 'espr-withdraw', correlationKey: 'r-0', variables: { why: '撤回' }, timeToLive: 0 });
    const job = await jobOf(client, 'espr-work', keys[1]);
    await client.throwError({ jobKey: job.key, errorCode: 'X', errorMessage: '', variables: { detail: 'd' } });
    const reminder = await jobOf(client, 'espr-remind', keys[2]);
    await client.completeJob({ jobKey: reminder.key, variables: { reminded: true } });
    // when
    const { live, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    // then
    const liveEvents = (live as { events: { timers: unknown[]; subscriptions: unknown[] } }).events;
    expect(liveEvents.timers.length).toBeGreaterThan(0);
    expect(liveEvents.subscriptions.length).toBeGreaterThan(0);
    expect(replayed.state.snapshot()).toEqual(live);
    await replayed.stop();
  });
});
