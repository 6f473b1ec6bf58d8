import { describe, expect, it } from 'vitest';
import { createTranslate, translateTypeLabel } from '../../designer/src/bpmn/translate/translate.ts';

/** Strings bpmn-js shows in the palette, context pad and replace menu of a Zeebe modeler. */
const VISIBLE = [
  'Activate hand tool', 'Activate lasso tool', 'Activate create/remove space tool', 'Activate global connect tool',
  'Create start event', 'Create intermediate/boundary event', 'Create end event', 'Create gateway', 'Create task',
  'Create expanded sub-process', 'Create data object reference', 'Create data store reference', 'Create pool/participant',
  'Create group', 'Append task', 'Append end event', 'Append gateway', 'Append intermediate/boundary event',
  'Change element', 'Connect to other element', 'Delete', 'Add text annotation', 'Default flow', 'Sequence flow',
  // properties panel (Zeebe provider) group and entry labels on a user task
  'General', 'Name', 'ID', 'Documentation', 'Element documentation', 'Assignment', 'Assignee', 'Candidate groups',
  'Candidate users', 'Form', 'Inputs', 'Outputs', 'Headers', 'Multi-instance', 'Input collection', 'Completion condition',
  'Due date', 'Follow up date', 'Priority', 'Execution listeners', 'Extension properties', 'Implementation',
  // header type labels computed by the properties panel
  'User Task', 'Start Event', 'Exclusive Gateway', 'Timer Start Event (Non Interrupting)', 'Message Boundary Event',
  'Parallel Multiple Intermediate Catch Event', 'Collapsed Sub Process', 'Sequence Flow', 'Process',
  // replace-menu labels
  'User task', 'Service task', 'Timer boundary event (non-interrupting)', 'Sub-process (collapsed)', 'Event-based gateway',
];

describe('bpmn-js Chinese translation', () => {
  it('should translate every string a process owner sees in the modeler', () => {
    // given the Chinese translate service that records strings it does not know
    const missing: string[] = [];
    const translate = createTranslate(() => 'zh-CN', (s) => missing.push(s));
    // when every visible string goes through it
    const out = VISIBLE.map((s) => translate(s));
    // then none is missing and none stays English
    expect(missing).toEqual([]);
    for (const text of out) expect(text).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('should fill placeholders in translated templates', () => {
    const translate = createTranslate(() => 'zh-CN');
    expect(translate('Open {element}', { element: '子流程' })).toBe('打开 子流程');
  });

  it('should leave English untouched when the English UI is selected', () => {
    const translate = createTranslate(() => 'en');
    expect(translate('Create task')).toBe('Create task');
    expect(translate('Open {element}', { element: 'X' })).toBe('Open X');
  });

  it('should compose element type labels word by word and refuse unknown words', () => {
    expect(translateTypeLabel('Timer Start Event (Non Interrupting)')).toBe('定时开始事件（非中断）');
    expect(translateTypeLabel('Message intermediate catch event')).toBe('消息中间捕获事件');
    expect(translateTypeLabel('Quantum Flux Event')).toBeUndefined();
  });
});
