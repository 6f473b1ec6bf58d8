import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';
import { itRejectsEach, type InvalidModel } from '../events/support/invalid-models.ts';
import {
  association,
  chain,
  compensable,
  compensationBoundary,
  compensationEnd,
  compensationThrow,
  end,
  flow,
  handlerTask,
  processXml,
  serviceTask,
  start,
} from './support/compensation-bpmn.ts';

/** start → task (with a compensation boundary) → `tail` elements, with extra elements. */
const model = (id: string, tail: string[], tailIds: string[], extra: string[]): string =>
  processXml(id, [start(), serviceTask('task', 'v-task'), compensationBoundary('task-undo', 'task'), ...tail, ...extra, ...chain('f', ['start', 'task', ...tailIds])].join('\n'));

const compensationSubProcess = (id: string): string =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true"><bpmn:startEvent id="${id}-start"><bpmn:compensateEventDefinition /></bpmn:startEvent>${end(`${id}-end`)}${flow(`${id}-f`, `${id}-start`, `${id}-end`)}</bpmn:subProcess>`;

const INVALID: readonly InvalidModel[] = [
  {
    name: 'a compensation boundary event without a handler',
    xml: model('v-no-assoc', [end()], ['end'], []),
    elementId: 'task-undo',
    text: 'Compensation boundary events must have a compensation association and no outgoing sequence flows',
  },
  {
    name: 'a compensation boundary event with an outgoing sequence flow',
    xml: model('v-outgoing', [end(), handlerTask('undo', 'v-undo'), association('a', 'task-undo', 'undo'), end('e2')], ['end'], [flow('bf', 'task-undo', 'e2')]),
    elementId: 'task-undo',
    text: 'Compensation boundary events must have a compensation association and no outgoing sequence flows',
  },
  {
    name: 'a compensation handler with an outgoing sequence flow',
    xml: model('v-handler-out', [end(), handlerTask('undo', 'v-undo'), association('a', 'task-undo', 'undo'), end('e2')], ['end'], [flow('hf', 'undo', 'e2')]),
    elementId: 'undo',
    text: 'A compensation handler should have no outgoing sequence flows',
  },
  {
    name: 'a compensation handler with an incoming sequence flow',
    xml: model('v-handler-in', [handlerTask('undo', 'v-undo'), association('a', 'task-undo', 'undo')], ['undo'], []),
    elementId: 'undo',
    text: 'A compensation handler should have no incoming sequence flows',
  },
  {
    name: 'a compensation handler with a boundary event',
    xml: model(
      'v-handler-boundary',
      [end(), handlerTask('undo', 'v-undo'), association('a', 'task-undo', 'undo'), '<bpmn:boundaryEvent id="late" attachedToRef="undo"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>', end('e2')],
      ['end'],
      [flow('lf', 'late', 'e2')],
    ),
    elementId: 'undo',
    text: 'A compensation handler should have no boundary events',
  },
  {
    name: 'a handler that is not marked for compensation',
    xml: model('v-unmarked', [end(), serviceTask('undo', 'v-undo'), association('a', 'task-undo', 'undo')], ['end'], []),
    elementId: 'task-undo',
    text: "The compensation handler 'undo' must be marked as compensation activity (isForCompensation=\"true\")",
  },
  {
    name: 'a handler of an unsupported type',
    xml: model('v-handler-type', [end(), '<bpmn:intermediateThrowEvent id="undo" />', association('a', 'task-undo', 'undo')], ['end'], []),
    elementId: 'task-undo',
    text: "The compensation handler 'undo' is of type 'IntermediateThrowEvent'; a compensation handler must be one of",
  },
  {
    name: 'a compensation throw event that does not wait for completion',
    xml: processXml('v-no-wait', [start(), compensable('a', 'v-a'), compensationThrow('undo', undefined, false), end(), ...chain('f', ['start', 'a', 'undo', 'end'])].join('\n')),
    elementId: 'undo',
    text: 'A compensation intermediate throwing event waitForCompletion attribute must be true or not present',
  },
  {
    name: 'a compensation end event that does not wait for completion',
    xml: processXml('v-end-no-wait', [start(), compensable('a', 'v-a'), compensationEnd('undo', undefined, false), ...chain('f', ['start', 'a', 'undo'])].join('\n')),
    elementId: 'undo',
    text: 'A compensation end event waitForCompletion attribute must be true or not present',
  },
  {
    name: 'an activityRef to an activity without a compensation boundary event',
    xml: processXml('v-ref-plain', [start(), serviceTask('plain', 'v-plain'), compensationThrow('undo', 'plain'), end(), ...chain('f', ['start', 'plain', 'undo', 'end'])].join('\n')),
    elementId: 'undo',
    text: "The compensation activity 'plain' referenced by activityRef must have a compensation boundary event",
  },
  {
    name: 'an activityRef to an activity in another scope',
    xml: processXml(
      'v-ref-scope',
      [
        start(),
        `<bpmn:subProcess id="sub">${start('s-start')}${compensable('inner', 'v-inner')}${end('s-end')}${chain('sf', ['s-start', 'inner', 's-end']).join('')}</bpmn:subProcess>`,
        compensationThrow('undo', 'inner'),
        end(),
        ...chain('f', ['start', 'sub', 'undo', 'end']),
      ].join('\n'),
    ),
    elementId: 'undo',
    text: "The compensation activity 'inner' referenced by activityRef must be in the same scope as the compensation throw event",
  },
  {
    name: 'a compensation event sub-process',
    xml: processXml(
      'v-comp-esp',
      [start(), `<bpmn:subProcess id="sub">${start('s-start')}${compensable('inner', 'v-inner')}${compensationSubProcess('on-undo')}${end('s-end')}${chain('sf', ['s-start', 'inner', 's-end']).join('')}</bpmn:subProcess>`, end(), ...chain('f', ['start', 'sub', 'end'])].join('\n'),
    ),
    elementId: 'on-undo',
    text: 'Start events in event subprocesses must be one of: message, timer, error, signal or escalation',
  },
  {
    name: 'a compensation event sub-process on the process level',
    xml: processXml('v-comp-esp-top', [start(), compensable('a', 'v-a'), compensationSubProcess('on-undo'), end(), ...chain('f', ['start', 'a', 'end'])].join('\n')),
    elementId: 'on-undo',
    text: 'A compensation event subprocess is not allowed on the process level',
  },
  {
    name: 'a compensation intermediate catch event',
    xml: processXml('v-comp-catch', [start(), '<bpmn:intermediateCatchEvent id="wait"><bpmn:compensateEventDefinition /></bpmn:intermediateCatchEvent>', end(), ...chain('f', ['start', 'wait', 'end'])].join('\n')),
    elementId: 'wait',
    text: "Event definitions of type 'CompensateEventDefinition' are currently not supported on elements of type 'IntermediateCatchEvent'",
  },
];

describe('compensation deploy validation', () => {
  let harness: EventsHarness;
  beforeAll(async () => {
    harness = await startEventsHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  itRejectsEach(() => harness, INVALID);

  it('should deploy compensation boundary events on every kind of activity, with every kind of handler and an activityRef', async () => {
    // given
    const hosts = ['serviceTask', 'userTask', 'scriptTask', 'manualTask', 'task', 'sendTask', 'receiveTask'];
    const elements = hosts.map((tag, i) => {
      const body = tag === 'serviceTask' || tag === 'sendTask' || tag === 'scriptTask' ? '<bpmn:extensionElements><zeebe:taskDefinition type="t" /></bpmn:extensionElements>' : '';
      const ref = tag === 'receiveTask' ? ' messageRef="m"' : '';
      return `<bpmn:${tag} id="h${i}"${ref}>${body}</bpmn:${tag}>${compensationBoundary(`h${i}-undo`, `h${i}`)}<bpmn:manualTask id="undo${i}" isForCompensation="true" />${association(`a${i}`, `h${i}-undo`, `undo${i}`)}`;
    });
    const xml = processXml('v-ok', [start(), ...elements, compensationThrow('undo-h1', 'h1'), compensationEnd('undo-all'), ...chain('f', ['start', ...hosts.map((_, i) => `h${i}`), 'undo-h1', 'undo-all'])].join('\n')).replace(
      '</bpmn:definitions>',
      '<bpmn:message id="m" name="m"><bpmn:extensionElements><zeebe:subscription correlationKey="=k" /></bpmn:extensionElements></bpmn:message></bpmn:definitions>',
    );
    // when
    const key = await harness.deploy('v-ok.bpmn', xml);
    // then
    expect(key).toMatch(/^\d+$/);
  });
});
