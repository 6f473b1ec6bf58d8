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
  'Checkbox group': '多选组',
  'Allow add/delete items': '允许增删条目',
  'Alternative text': '替代文字',
  'Bottom': '底部',
  'Center': '居中',
  'Top': '顶部',
  'Checked': '已勾选',
  'Not checked': '未勾选',
  'Column': '列',
  'Column 1': '第 1 列',
  'Column 2': '第 2 列',
  'Column 3': '第 3 列',
  'Compute on': '计算时机',
  'Constraints': '约束',
  'Content': '内容',
  'Custom error message': '自定义错误提示',
  'Custom regular expression': '自定义正则表达式',
  'Data source': '数据来源',
  'Decimal digits': '小数位数',
  'Default number of items': '默认条目数',
  'Disable collapse': '禁止折叠',
  'Disallow past dates': '不允许过去的日期',
  'Document reference': '文档引用',
  'Dynamic options': '动态选项',
  'Form submission': '表单提交',
  'Header items': '表头',
  'Headers source': '表头来源',
  'Height': '高度',
  'Image source': '图片地址',
  'Increment': '步长',
  'Input values key': '输入值键',
  'List of items': '条目列表',
  'Number of non-collapsing items': '不折叠条目数',
  'Number of rows per page': '每页行数',
  'Options expression': '选项表达式',
  'Output as string': '输出为字符串',
  'Pagination': '分页',
  'Path': '路径',
  'Show outline': '显示边框',
  'Supported file formats': '支持的文件格式',
  'Target value': '目标值',
  'Time format': '时间格式',
  'Time interval': '时间间隔',
  'Upload multiple files': '允许多个文件',
  'Use 24h': '24 小时制',
  'Value changes': '值变化时',
  'Vertical alignment': '垂直对齐',
  'Name': '名称',
  'URL': '网址',
  'Geolocation': '地理位置',
  'Camera access': '摄像头权限',
  'Microphone access': '麦克风权限',
  'Security attributes': '安全属性',
  'Script execution': '脚本执行',
  'Open popups': '打开弹窗',
  'Open modal windows': '打开模态窗口',
  'Top level navigation': '顶层导航',
  'Storage access by user': '存储访问',
  'Allow same origin': '允许同源',
  'Forms submission': '表单提交',
  'Open in fullscreen': '全屏打开',
  'Max height of preview container': '预览最大高度',
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
