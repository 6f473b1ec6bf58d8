import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, catchEvent, end, flow, message, messageDef, processXml, serviceTask, start, timerDef, withRoots } from './support/event-bpmn.ts';
import { startEventsHarness, type EventsHarness } from './support/events-harness.ts';
import { itRejectsEach, type InvalidModel } from './support/invalid-models.ts';

const linear = (id: string, middle: string, middleId: string, roots: string[] = []): string =>
  withRoots(processXml(id, [start(), middle, end(), flow('f1', 'start', middleId), flow('f2', middleId, 'end')].join('\n')), roots);

const INVALID: readonly InvalidModel[] = [
  {
    name: 'a timer duration that is not ISO-8601',
    xml: linear('bad-duration', catchEvent('wait', timerDef('timeDuration', '15 minutes')), 'wait'),
    elementId: 'wait',
    text: "Expected static value to be an ISO-8601 duration, e.g. 'PT15M', but found '15 minutes'.",
  },
  {
    name: 'a timer cycle that is not a repeating interval',
    xml: processXml('bad-cycle', [`<bpmn:startEvent id="tick">${timerDef('timeCycle', 'every day')}</bpmn:startEvent>`, end(), flow('f1', 'tick', 'end')].join('\n')),
    elementId: 'tick',
    text: "Expected static value to be an ISO-8601 repeating interval, e.g. 'R3/PT10M', but found 'every day'.",
  },
  {
    name: 'a timer date without a zone',
    xml: linear('bad-date', catchEvent('wait', timerDef('timeDate', '2026-13-01')), 'wait'),
    elementId: 'wait',
    text: "Expected static value to be an ISO-8601 date-time",
  },
  {
    name: 'a cycle on an intermediate catch event',
    xml: linear('catch-cycle', catchEvent('wait', timerDef('timeCycle', 'R3/PT1H')), 'wait'),
    elementId: 'wait',
    text: "Timer of type 'timeCycle' is not supported on elements of type 'IntermediateCatchEvent'",
  },
  {
    name: 'FEEL that does not parse in a timer',
    xml: linear('bad-feel', catchEvent('wait', timerDef('timeDuration', '=duration(')), 'wait'),
    elementId: 'wait',
    text: 'failed to parse expression',
  },
  {
    name: 'a message without a name',
    xml: linear('no-name', catchEvent('wait', messageDef('nameless')), 'wait', ['<bpmn:message id="nameless"><bpmn:extensionElements><zeebe:subscription correlationKey="=id" /></bpmn:extensionElements></bpmn:message>']),
    elementId: 'wait',
    text: "Message 'nameless': Must have a name",
  },
  {
    name: 'a message catch event without a correlation key',
    xml: linear('no-key', catchEvent('wait', messageDef('keyless')), 'wait', [message('keyless', 'keyless')]),
    elementId: 'wait',
    text: 'Must have a correlation key',
  },
  {
    name: 'a boundary event on an unsupported element',
    xml: processXml(
      'boundary-gateway',
      [start(), '<bpmn:manualTask id="manual" />', boundary('late', 'manual', timerDef('timeDuration', 'PT1H')), end(), '<bpmn:endEvent id="e2" />', flow('f1', 'start', 'manual'), flow('f2', 'manual', 'end'), flow('f3', 'late', 'e2')].join('\n'),
    ),
    elementId: 'late',
    text: "Boundary events attached to elements of type 'ManualTask' ('manual') are currently not supported",
  },
  {
    name: 'a boundary event without outgoing flow',
    xml: processXml('boundary-dead', [start(), serviceTask('task', 't'), boundary('late', 'task', timerDef('timeDuration', 'PT1H')), end(), flow('f1', 'start', 'task'), flow('f2', 'task', 'end')].join('\n')),
    elementId: 'late',
    text: 'Must have at least one outgoing sequence flow',
  },
  {
    name: 'an interrupting timer boundary event with a cycle',
    xml: processXml(
      'boundary-cycle',
      [start(), serviceTask('task', 't'), boundary('late', 'task', timerDef('timeCycle', 'R/PT1H')), end(), '<bpmn:endEvent id="e2" />', flow('f1', 'start', 'task'), flow('f2', 'task', 'end'), flow('f3', 'late', 'e2')].join('\n'),
    ),
    elementId: 'late',
    text: 'Interrupting timer boundary events must not have a timeCycle',
  },
  {
    name: 'an error end event without an error code',
    xml: withRoots(processXml('error-no-code', [start(), '<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="codeless" /></bpmn:endEvent>', flow('f1', 'start', 'fail')].join('\n')), ['<bpmn:error id="codeless" name="codeless" />']),
    elementId: 'fail',
    text: "Error 'codeless': ErrorCode must be present and not empty",
  },
  {
    name: 'an event-based gateway leading to a task',
    xml: processXml(
      'gateway-task',
      [start(), '<bpmn:eventBasedGateway id="gateway" />', serviceTask('task', 't'), catchEvent('wait', timerDef('timeDuration', 'PT1H')), end(), '<bpmn:endEvent id="e2" />', flow('f1', 'start', 'gateway'), flow('f2', 'gateway', 'task'), flow('f3', 'gateway', 'wait'), flow('f4', 'task', 'end'), flow('f5', 'wait', 'e2')].join('\n'),
    ),
    elementId: 'gateway',
    text: 'Event-based gateway must not have an outgoing sequence flow to other elements than message/timer/signal intermediate catch events.',
  },
  {
    name: 'an intermediate catch event without an event definition',
    xml: linear('catch-none', '<bpmn:intermediateCatchEvent id="wait" />', 'wait'),
    elementId: 'wait',
    text: 'Must have exactly one event definition',
  },
];

describe('deploy validation of events', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  itRejectsEach(() => h, INVALID);

  it('should accept FEEL timers and messages whose values are only known at runtime', async () => {
    // given
    const xml = withRoots(
      processXml(
        'runtime-values',
        [start(), catchEvent('wait', timerDef('timeDuration', '=waitFor')), catchEvent('answer', messageDef('m')), end(), flow('f1', 'start', 'wait'), flow('f2', 'wait', 'answer'), flow('f3', 'answer', 'end')].join('\n'),
      ),
      [message('m', '=&quot;reply-&quot; + kind', '=caseId')],
    );
    // when / then
    await expect(h.deploy('runtime-values.bpmn', xml)).resolves.toBeDefined();
  });
});
