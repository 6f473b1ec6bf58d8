/**
 * Chinese for text that some bpmn-io UIs render without a translate service (form-js editor,
 * token simulation, linting overlays). We never patch those libraries: after they render, text
 * nodes and title/placeholder attributes that exactly match a known English string are replaced.
 */
export const DOM_ZH: Record<string, string> = {
  // linting overlay, token simulation
  'Click to show issue': '点击查看问题',
  'Token Simulation': '模拟运行',
  'Play/Pause Simulation': '开始/暂停模拟',
  'Reset Simulation': '重置模拟',
  'Toggle Pause Simulation': '暂停模拟',
  'Set animation speed': '动画速度',
  'Animation speed': '动画速度',
  'Toggle Exclusive Gateway Settings': '排他网关走向设置',
  'Toggle Log': '模拟日志',
  'Simulation Log': '模拟日志',
  'Trigger Event': '触发事件',
  'Start Simulation': '开始模拟',
  'Simulation started': '模拟开始',
  'Simulation finished': '模拟结束',
  'Simulation reset': '模拟已重置',
  'Process Instance started': '流程实例已开始',
  'Process Instance finished': '流程实例已结束',
  'Set Sequence Flow': '选择顺序流',
  'Start Process Instance': '启动流程实例',
  'Clear Log': '清空日志',
  'Close Log': '关闭日志',
  'No Entries': '暂无记录',
  'Pause Simulation': '暂停模拟',
  'Continue Simulation': '继续模拟',
  'Remove Simulation': '结束模拟',
  // form-js editor: palette
  'Components': '组件',
  'Search components': '搜索组件',
  'Input': '输入',
  'Selection': '选择',
  'Presentation': '展示',
  'Containers': '容器',
  'Action': '操作',
  'Text field': '文本框',
  'Text area': '多行文本',
  'Number': '数字',
  'Date time': '日期时间',
  'Datetime': '日期时间',
  'Expression': '表达式',
  'File picker': '文件上传',
  'Filepicker': '文件上传',
  'Checkbox': '复选框',
  'Checklist': '多选列表',
  'Radio group': '单选组',
  'Radio': '单选',
  'Select': '下拉选择',
  'Tag list': '标签列表',
  'Text view': '文本',
  'Image view': '图片',
  'Table': '表格',
  'HTML view': 'HTML',
  'Document preview': '文档预览',
  'Spacer': '间距',
  'Separator': '分隔线',
  'Group': '分组',
  'Dynamic list': '动态列表',
  'iFrame': '内嵌网页',
  'Button': '按钮',
  // form-js editor: properties panel
  'General': '常规',
  'Condition': '显示条件',
  'Validation': '校验',
  'Layout': '布局',
  'Appearance': '外观',
  'Serialization': '序列化',
  'Custom properties': '自定义属性',
  'Options source': '选项来源',
  'Static options': '固定选项',
  'Field label': '字段标签',
  'Label': '标签',
  'Field description': '字段说明',
  'Description': '说明',
  'Key': '键',
  'Default value': '默认值',
  'Disabled': '禁用',
  'Read only': '只读',
  'Required': '必填',
  'Minimum length': '最小长度',
  'Maximum length': '最大长度',
  'Minimum': '最小值',
  'Maximum': '最大值',
  'Regular expression pattern': '正则表达式',
  'Validation pattern': '校验格式',
  'Custom': '自定义',
  'Email': '电子邮件',
  'Phone': '电话',
  'Columns': '列宽',
  'Auto': '自动',
  'Hide if': '隐藏条件',
  'Prefix': '前缀',
  'Suffix': '后缀',
  'Adorners': '修饰',
  'Text': '文本',
  'Value': '值',
  'Type': '类型',
  'Action type': '操作类型',
  'Submit': '提交',
  'Reset': '重置',
  'Placeholder': '占位提示',
  'Form': '表单',
  'ID': '标识',
  'Version tag': '版本标签',
  'Subtype': '子类型',
  'Date': '日期',
  'Time': '时间',
  'Date label': '日期标签',
  'Time label': '时间标签',
  'Searchable': '可搜索',
  'Options': '选项',
  'Delete': '删除',
  'Remove': '移除',
  'Add': '添加',
  'Create': '新建',
  'Drag and drop components here to start designing.': '把组件拖到这里开始设计表单。',
  'Use the preview panel to test your form.': '可在预览中测试表单。',
  'Build your form': '开始设计表单',
  'Empty form': '空表单',
};

const ATTRS = ['title', 'placeholder', 'aria-label'];

function translateNode(node: Node): void {
  if (node.nodeType === Node.TEXT_NODE) {
    const raw = node.nodeValue ?? '';
    const key = raw.trim();
    const zh = key ? DOM_ZH[key] : undefined;
    if (zh) node.nodeValue = raw.replace(key, zh);
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  const el = node as Element;
  for (const a of ATTRS) {
    const v = el.getAttribute(a);
    const zh = v ? DOM_ZH[v.trim()] : undefined;
    if (zh) el.setAttribute(a, zh);
  }
  for (const child of Array.from(el.childNodes)) translateNode(child);
}

/** Translates the subtree once. */
export function translateDom(root: Element | null | undefined): void {
  if (root) translateNode(root);
}

/** Keeps a subtree translated while a library re-renders it; returns a stop function. */
export function keepTranslated(root: Element): () => void {
  translateNode(root);
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'characterData') translateNode(m.target);
      else if (m.type === 'attributes') translateNode(m.target);
      else m.addedNodes.forEach((n) => translateNode(n));
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRS });
  return () => observer.disconnect();
}
