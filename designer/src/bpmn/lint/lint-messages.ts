import { toChinese } from '../translate/translate.ts';

const PROPERTY_WORDS: Record<string, string> = {
  'candidate groups': '候选组', 'due date': '到期时间', 'follow up date': '跟进时间', 'priority': '优先级',
  'form': '表单', 'form id': '表单标识', 'name': '名称', 'task definition type': '任务类型',
  'implementation': '实现方式', 'condition expression': '条件表达式', 'message reference': '消息引用',
  'subscription correlation key': '订阅关联键', 'input collection': '输入集合', 'output collection': '输出集合',
  'output element': '输出元素', 'called element': '被调用元素', 'error reference': '错误引用', 'error code': '错误代码',
  'signal reference': '信号引用', 'timer type': '定时器类型', 'timer value': '定时器值', 'time date': '定时日期',
  'time duration': '定时时长', 'time cycle': '定时周期', 'executable': '可执行', 'multi-instance marker': '多实例标记',
  'headers': '任务头', 'key': '键', 'result variable': '结果变量', 'feel expression': 'FEEL 表达式',
  'user task form': '用户任务表单', 'implementation: job worker': '实现方式：作业处理器',
  'implementation: camunda user task': '实现方式：Camunda 用户任务', 'version tag': '版本标签',
  'form type: camunda form (linked)': '表单类型：Camunda 表单（引用）', 'form type: camunda form': '表单类型：Camunda 表单',
  'escalation code': '升级代码', 'escalation reference': '升级引用', 'local variable name': '局部变量名',
  'process variable name': '流程变量名', 'variable assignment value': '变量赋值',
};

function word(token: string): string {
  return PROPERTY_WORDS[token.toLowerCase()] ?? toChinese(token) ?? token;
}

const FIXED: Record<string, string> = {
  'Element is not connected': '元素没有连接到流程中',
  'Process is missing start event': '流程缺少开始事件',
  'Process is missing end event': '流程缺少结束事件',
  'Sub process is missing start event': '子流程缺少开始事件',
  'Sub process is missing end event': '子流程缺少结束事件',
  'SequenceFlow is a duplicate': '顺序流重复',
  'Duplicate outgoing sequence flows': '出口顺序流重复',
  'Duplicate incoming sequence flows': '入口顺序流重复',
  'Start event must be blank': '开始事件必须是空白开始事件',
  'Start event is missing event definition': '开始事件缺少事件定义',
  'Process has multiple blank start events': '流程有多个空白开始事件',
  'Conditional event is missing a condition': '条件事件缺少条件',
  'Element is missing bpmndi': '元素缺少图形信息（BPMNDI）',
};

/**
 * Chinese text for a linter message (bpmnlint / @camunda/linting produce English).
 * Recognises the sentence shapes those libraries use and translates the <quoted> terms.
 */
export function translateLintMessage(message: string): string {
  const fixed = FIXED[message];
  if (fixed) return fixed;
  const t = (s: string): string => word(s);
  let m = /^An? <([^>]+)> with <([^>]+)> must have a defined <([^>]+)>$/.exec(message);
  if (m) return `设置了“${t(m[2]!)}”的${t(m[1]!)}必须填写“${t(m[3]!)}”`;
  m = /^An? <([^>]+)> must have a defined <([^>]+)> or be the default <Sequence Flow>$/.exec(message);
  if (m) return `${t(m[1]!)}必须填写“${t(m[2]!)}”或设为默认流向`;
  m = /^An? <([^>]+)> must have a (?:defined )?<([^>]+)>$/.exec(message);
  if (m) return `${t(m[1]!)}必须填写“${t(m[2]!)}”`;
  m = /^An? <([^>]+)> must have a unique <([^>]+)>$/.exec(message);
  if (m) return `${t(m[1]!)}的“${t(m[2]!)}”必须唯一`;
  m = /^An? <([^>]+)> should have a defined <([^>]+)>$/.exec(message);
  if (m) return `${t(m[1]!)}应当关联“${t(m[2]!)}”`;
  m = /^An? <([^>]+)> must be <([^>]+)>$/.exec(message);
  if (m) return `${t(m[1]!)}必须是“${t(m[2]!)}”`;
  m = /^An? <([^>]+)> with <([^>]+)> managed by Camunda is deprecated\. Consider migrating to <([^>]+)>\.$/.exec(message);
  if (m) return `${t(m[1]!)}的“${t(m[2]!)}”方式已弃用，建议改为“${t(m[3]!)}”`;
  m = /^An? <([^>]+)> with <([^>]+)> managed by Camunda is not supported\. Migrate to <([^>]+)>\.$/.exec(message);
  if (m) return `${t(m[1]!)}的“${t(m[2]!)}”方式已不受支持，请改为“${t(m[3]!)}”`;
  m = /^(.*) is not supported by (Camunda [\d.]+)$/.exec(message);
  if (m) return `${translateTerms(m[1]!)}：${m[2]}不支持`;
  m = /^(.*) is only supported by (Camunda [\d.]+) or newer$/.exec(message);
  if (m) return `${translateTerms(m[1]!)}：需要 ${m[2]} 或更高版本`;
  m = /^An? <([^>]+)> <([^>]+)> must be (.*)$/.exec(message);
  if (m) return `${t(m[1]!)}的“${t(m[2]!)}”格式不正确`;
  return translateTerms(message);
}

function translateTerms(text: string): string {
  return text
    .replace(/^An? /, '')
    .replace(/<([^>]+)>/g, (_, term: string) => `“${word(term)}”`)
    .replace(/ with /g, '（含）')
    .replace(/ and /g, '和');
}
