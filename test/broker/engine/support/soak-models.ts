/**
 * Models of the randomized workload test: one rich approval chain in two versions (same element ids,
 * version 2 adds an archive step and a longer deadline), the process it calls and a message-started process.
 */
import { end, flow, processXml, serviceTask, start } from './bpmn-builder.ts';

const timer = (kind: 'timeDuration' | 'timeCycle', value: string): string =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
const boundary = (id: string, host: string, definition: string, interrupting: boolean): string =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>`;
const messageRef = (ref: string): string => `<bpmn:messageEventDefinition messageRef="${ref}" />`;
const linkThrow = (id: string, name: string): string => `<bpmn:intermediateThrowEvent id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateThrowEvent>`;
const linkCatch = (id: string, name: string): string => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateCatchEvent>`;
const esp = (id: string, interrupting: boolean, definition: string, inner: string[]): string =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true"><bpmn:startEvent id="${id}-start" isInterrupting="${interrupting}">${definition}</bpmn:startEvent>${inner.join('')}</bpmn:subProcess>`;
const withRoots = (xml: string, roots: string[]): string => xml.replace('</bpmn:definitions>', `${roots.join('\n')}\n</bpmn:definitions>`);
const message = (id: string, name: string): string =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>`;

/** Names of the messages the models wait for (all correlated by `key`). */
export const SOAK_MESSAGES = ['soak-nudge', 'soak-withdraw', 'soak-ping', 'soak-begin'] as const;
/** Signals the models catch. */
export const SOAK_SIGNALS = ['soak-stop', 'soak-other', 'soak-go', 'soak-go'] as const;
/** Error codes a worker may throw (REJECT and CHILD_FAIL are caught somewhere, OTHER never). */
export const SOAK_ERROR_CODES = ['REJECT', 'CHILD_FAIL', 'OTHER'] as const;

/**
 * The approval chain. Branch one: a sub-process (review with an error boundary that jumps by link to a fix
 * step; message event sub-processes, non-interrupting nudge and interrupting withdraw) with an interrupting
 * deadline timer; the fix step ends in a terminate end event. Branch two: an inclusive fork into a 会签 (parallel
 * multi-instance user task, two of three approvals complete it; an error boundary on its body also leads to the join),
 * a sequential multi-instance clerk task and a script task, an inclusive join, a call activity (non-interrupting ping and
 * escalation boundaries) and a link jump to the parallel join. Process event sub-processes: the called process's CHILD_FAIL error
 * (interrupting), a stop signal (interrupting), a reminder cycle (non-interrupting) whose path throws a signal.
 */
export function soakProcess(version: 1 | 2): string {
  const body = [
    start(),
    '<bpmn:parallelGateway id="fork" />',
    `<bpmn:subProcess id="sub">
      ${start('sub-start')}
      ${serviceTask('review', 'soak-review')}
      ${end('sub-end')}
      ${boundary('rejected', 'review', '<bpmn:errorEventDefinition errorRef="e-reject" />', true)}
      ${linkThrow('back', 'rework')}
      ${linkCatch('rework-catch', 'rework')}
      ${serviceTask('fix', 'soak-fix')}
      <bpmn:endEvent id="fix-end"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      ${flow('s1', 'sub-start', 'review')}
      ${flow('s2', 'review', 'sub-end')}
      ${flow('s3', 'rejected', 'back')}
      ${flow('s4', 'rework-catch', 'fix')}
      ${flow('s5', 'fix', 'fix-end')}
      ${esp('esp-nudge', false, messageRef('m-nudge'), [serviceTask('nudge', 'soak-nudge'), end('nudge-end'), flow('n1', 'esp-nudge-start', 'nudge'), flow('n2', 'nudge', 'nudge-end')])}
      ${esp('esp-withdraw', true, messageRef('m-withdraw'), [end('withdraw-end'), flow('w1', 'esp-withdraw-start', 'withdraw-end')])}
    </bpmn:subProcess>`,
    boundary('sub-timeout', 'sub', timer('timeDuration', version === 1 ? 'PT1H' : 'PT2H'), true),
    serviceTask('escalate', 'soak-escalate'),
    '<bpmn:exclusiveGateway id="merge-a" />',
    '<bpmn:inclusiveGateway id="split" default="to-light" />',
    `<bpmn:userTask id="sign">
      <bpmn:multiInstanceLoopCharacteristics isSequential="false">
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=approvers" inputElement="approver" /></bpmn:extensionElements>
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=numberOfCompletedInstances &gt;= 2</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>`,
    boundary('sign-rejected', 'sign', '<bpmn:errorEventDefinition errorRef="e-reject" />', true),
    serviceTask('clerk', 'soak-clerk').replace('</bpmn:serviceTask>', '<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1, 2]" inputElement="round" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>'),
    '<bpmn:scriptTask id="light"><bpmn:extensionElements><zeebe:script expression="=amount * 2" resultVariable="doubled" /></bpmn:extensionElements></bpmn:scriptTask>',
    '<bpmn:inclusiveGateway id="merge" />',
    '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="soak-child" propagateAllChildVariables="false" /></bpmn:extensionElements></bpmn:callActivity>',
    boundary('ping', 'call', messageRef('m-ping'), false),
    boundary('escalated', 'call', '<bpmn:escalationEventDefinition escalationRef="esc" />', false),
    serviceTask('esc-task', 'soak-esc'),
    end('esc-end'),
    end('ping-end'),
    linkThrow('jump', 'tail'),
    linkCatch('tail-catch', 'tail'),
    '<bpmn:parallelGateway id="join" />',
    ...(version === 2 ? [serviceTask('archive', 'soak-archive')] : []),
    '<bpmn:intermediateThrowEvent id="notify"><bpmn:extensionElements><zeebe:taskDefinition type="soak-notify" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>',
    end(),
    esp('esp-child-fail', true, '<bpmn:errorEventDefinition errorRef="e-child" />', [serviceTask('handle', 'soak-handle'), end('handle-end'), flow('h1', 'esp-child-fail-start', 'handle'), flow('h2', 'handle', 'handle-end')]),
    esp('esp-stop', true, '<bpmn:signalEventDefinition signalRef="s-stop" />', [end('stop-end'), flow('t1', 'esp-stop-start', 'stop-end')]),
    esp('esp-remind', false, timer('timeCycle', 'R2/PT30M'), [
      serviceTask('remind', 'soak-remind'),
      '<bpmn:intermediateThrowEvent id="remind-signal"><bpmn:signalEventDefinition signalRef="s-other" /></bpmn:intermediateThrowEvent>',
      end('remind-end'),
      flow('r1', 'esp-remind-start', 'remind'),
      flow('r2', 'remind', 'remind-signal'),
      flow('r3', 'remind-signal', 'remind-end'),
    ]),
    flow('f0', 'start', 'fork'),
    flow('f1', 'fork', 'sub'),
    flow('f2', 'sub', 'merge-a'),
    flow('f3', 'sub-timeout', 'escalate'),
    flow('f4', 'escalate', 'merge-a'),
    flow('f5', 'merge-a', 'join'),
    flow('f6', 'fork', 'split'),
    flow('to-sign', 'split', 'sign', '=amount > 100'),
    flow('to-clerk', 'split', 'clerk', '=amount > 50'),
    flow('to-light', 'split', 'light'),
    flow('f7', 'sign', 'merge'),
    flow('f7b', 'sign-rejected', 'merge'),
    flow('f8', 'clerk', 'merge'),
    flow('f9', 'light', 'merge'),
    flow('f10', 'merge', 'call'),
    flow('f11', 'ping', 'ping-end'),
    flow('f11b', 'escalated', 'esc-task'),
    flow('f11c', 'esc-task', 'esc-end'),
    flow('f12', 'call', 'jump'),
    flow('f13', 'tail-catch', 'join'),
    ...(version === 2 ? [flow('f14', 'join', 'archive'), flow('f15', 'archive', 'notify')] : [flow('f14', 'join', 'notify')]),
    flow('f16', 'notify', 'end'),
  ];
  return withRoots(processXml('soak', body.join('\n')), [
    message('m-nudge', 'soak-nudge'),
    message('m-withdraw', 'soak-withdraw'),
    message('m-ping', 'soak-ping'),
    '<bpmn:error id="e-reject" name="e-reject" errorCode="REJECT" />',
    '<bpmn:error id="e-child" name="e-child" errorCode="CHILD_FAIL" />',
    '<bpmn:signal id="s-stop" name="soak-stop" />',
    '<bpmn:signal id="s-other" name="soak-other" />',
    '<bpmn:escalation id="esc" name="esc" escalationCode="ESC" />',
  ]);
}

/**
 * The called process: a work step (whose worker may throw CHILD_FAIL; a signal boundary ends it early), an escalation
 * throw (caught by the call activity's boundary), an event-based gateway (a signal against a 45 min timer) and a message throw.
 */
export const soakChild = withRoots(
  processXml(
    'soak-child',
    [
      start(),
      serviceTask('child-work', 'soak-child-work'),
      boundary('child-other', 'child-work', '<bpmn:signalEventDefinition signalRef="s-other" />', true),
      end('child-other-end'),
      '<bpmn:intermediateThrowEvent id="child-notify"><bpmn:extensionElements><zeebe:taskDefinition type="soak-notify" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>',
      end(),
      '<bpmn:eventBasedGateway id="child-wait" />',
      `<bpmn:intermediateCatchEvent id="child-go">${'<bpmn:signalEventDefinition signalRef="s-go" />'}</bpmn:intermediateCatchEvent>`,
      `<bpmn:intermediateCatchEvent id="child-later">${timer('timeDuration', 'PT45M')}</bpmn:intermediateCatchEvent>`,
      flow('c1', 'start', 'child-work'),
      '<bpmn:intermediateThrowEvent id="child-escalate"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>',
      flow('c2', 'child-work', 'child-escalate'),
      flow('c2b', 'child-escalate', 'child-wait'),
      flow('c5', 'child-wait', 'child-go'),
      flow('c6', 'child-wait', 'child-later'),
      flow('c7', 'child-go', 'child-notify'),
      flow('c8', 'child-later', 'child-notify'),
      flow('c3', 'child-notify', 'end'),
      flow('c4', 'child-other', 'child-other-end'),
    ].join('\n'),
  ),
  ['<bpmn:signal id="s-other" name="soak-other" />', '<bpmn:signal id="s-go" name="soak-go" />', '<bpmn:escalation id="esc" name="esc" escalationCode="ESC" />'],
);

/**
 * A process started by the keyed message soak-begin (one instance per key) and by a timer cycle (R3/PT90M); `tag` makes
 * each deployment a new version (which closes the previous version's start events; deleting it reopens them).
 */
export function soakStarter(tag: number): string {
  return withRoots(
    processXml(
      'soak-starter',
      [
        `<bpmn:startEvent id="start" name="v${tag}">${messageRef('m-begin')}</bpmn:startEvent>`,
        `<bpmn:startEvent id="tick">${timer('timeCycle', 'R3/PT90M')}</bpmn:startEvent>`,
        flow('b0', 'tick', 'begin-work'),
        serviceTask('begin-work', 'soak-begin-work'),
        end(),
        flow('b1', 'start', 'begin-work'),
        flow('b2', 'begin-work', 'end'),
      ].join('\n'),
    ),
    [message('m-begin', 'soak-begin')],
  );
}
