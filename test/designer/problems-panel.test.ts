import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import zh from '../../designer/src/locales/zh-CN.ts';
import en from '../../designer/src/locales/en.ts';
import ProblemsPanel from '../../designer/src/components/problems-panel.vue';
import type { Problem } from '../../designer/src/bpmn/lint/run-lint.ts';

const PROBLEMS: Problem[] = [
  { elementId: 'T1', severity: 'error', rule: 'streetflow/user-task-office', message: 'User task "街道审核" has no office or post', zh: '', entryIds: [], i18n: { key: 'problems.officeMissing', params: { name: '街道审核' } } },
  { elementId: 'S1', severity: 'warning', rule: 'start-event-form', message: 'A <Start Event> should have a defined <Form>', zh: '开始事件应当关联“表单”', entryIds: [] },
];

function mountPanel(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zh, en } });
  return mount(ProblemsPanel, { props: { problems: PROBLEMS, names: { T1: '街道审核' } }, global: { plugins: [i18n] } });
}

describe('problems panel', () => {
  it('should list errors and warnings in Chinese with their counts', () => {
    const w = mountPanel('zh-CN');
    expect(w.get('[data-testid=problems-errors]').text()).toBe('1 个错误');
    expect(w.get('[data-testid=problems-warnings]').text()).toBe('1 个警告');
    const rows = w.findAll('[data-testid=problem-row]').map((r) => r.text());
    expect(rows[0]).toContain('用户任务“街道审核”没有指定办理科室或岗位');
    expect(rows[1]).toContain('开始事件应当关联“表单”');
    expect(rows[1]).toContain('S1');
  });

  it('should show the English messages when English is selected', () => {
    const rows = mountPanel('en').findAll('[data-testid=problem-row]').map((r) => r.text());
    expect(rows[0]).toContain('has no office or post assigned');
    expect(rows[1]).toContain('should have a defined <Form>');
  });

  it('should emit the problem when its row is clicked (the modeler then selects the element)', async () => {
    const w = mountPanel('zh-CN');
    await w.findAll('[data-testid=problem-row]')[0]!.trigger('click');
    expect(w.emitted('select')?.[0]).toEqual([PROBLEMS[0]]);
  });
});
