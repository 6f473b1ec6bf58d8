/** Simplified Chinese UI strings (the default language). */
export default {
  app: { name: 'Streetflow', subtitle: '街道审批流程平台' },
  nav: { designer: '流程设计', worklist: '待办', cases: '案件', audit: '审计', analytics: '分析' },
  common: {
    save: '保存', cancel: '取消', close: '关闭', confirm: '确定', delete: '删除', loading: '加载中…',
    retry: '重试', back: '返回', language: '语言', logout: '退出登录', error: '出错了', none: '无',
  },
  login: {
    title: '登录', username: '用户名', password: '密码', submit: '登录', submitting: '正在登录…',
    failed: '用户名或密码错误', tooMany: '尝试次数过多，请稍后再试', unreachable: '无法连接服务器',
    hint: '流程负责人使用此页面设计、部署和比较审批流程。',
  },
  library: {
    title: '流程库', create: '新建流程', import: '导入 .bpmn', search: '搜索流程名称或标识',
    processes: '已部署流程', drafts: '草稿', emptyProcesses: '还没有部署任何流程。',
    emptyDrafts: '没有草稿。', name: '名称', id: '流程标识', latest: '最新版本', running: '运行中',
    versions: '版本', deployedBy: '部署人', deployedAt: '部署时间', changeNote: '变更说明',
    updatedAt: '更新时间', updatedBy: '更新人', open: '打开', duplicate: '复制', compare: '比较',
    showVersions: '版本历史', hideVersions: '收起', copySuffix: '（副本）', newName: '新流程',
    importFailed: '导入失败：{reason}', notBpmn: '文件不是有效的 BPMN 2.0 XML',
    confirmDelete: '删除草稿“{name}”？', instances: '{n} 个运行中',
  },
  modeler: {
    title: '流程设计', save: '保存草稿', saved: '已保存', deploy: '部署', deploying: '正在部署…',
    deployed: '已部署为第 {version} 版', deployBlocked: '还有 {n} 个错误，修复后才能部署',
    changeNote: '变更说明', changeNotePlaceholder: '本次修改了什么，为什么', deployTitle: '部署流程',
    rejected: '引擎拒绝了部署', exportBpmn: '导出 BPMN', exportSvg: '导出 SVG', exportPng: '导出 PNG',
    importBpmn: '导入 BPMN', simulate: '模拟运行', stopSimulate: '结束模拟', versions: '版本',
    problems: '问题', form: '表单', noProblems: '没有发现问题', errors: '{n} 个错误', warnings: '{n} 个警告',
    element: '元素', message: '说明', unsaved: '有未保存的修改', processName: '流程名称',
    zoomFit: '适应画布', undo: '撤销', redo: '重做', loadFailed: '无法打开流程：{reason}',
    readOnlyVersion: '正在查看第 {version} 版（已部署）。保存会创建新的草稿。',
  },
  problems: {
    officeMissing: '用户任务“{name}”没有指定办理科室或岗位',
    dueMissing: '用户任务“{name}”没有设置办结时限',
    defaultFlowMissing: '排他网关“{name}”没有默认流向',
    applicantTrips: '申请人需要到场 {n} 次（{names}），违反“最多跑一趟”',
    rejectedByEngine: '引擎：{message}',
  },
  props: {
    group: '街道办理', office: '办理科室/岗位', officePlaceholder: '— 选择科室或岗位 —',
    dueWorkdays: '办结时限（工作日）', dueHint: '按法定工作日计算，0 或留空表示不限',
    signMode: '审批方式', single: '单人审批', all: '会签（全部同意）', any: '或签（一人同意即可）',
    ratio: '比例签', ratioValue: '通过比例（%）', signers: '会签科室/岗位',
    applicantVisit: '申请人需要到场', form: '表单', editForm: '编辑表单', createForm: '创建表单',
    templates: '街道模板',
  },
  forms: {
    title: '表单设计', preview: '预览', editor: '编辑', linkedTo: '关联元素：{name}', apply: '完成',
    previewSubmit: '预览提交数据',
  },
  versions: {
    title: '版本比较', left: '旧版本', right: '新版本', added: '新增', removed: '删除', changed: '修改',
    property: '属性', before: '之前', after: '之后', restore: '恢复为最新版本', restoreNote: '恢复第 {version} 版',
    restored: '已把第 {from} 版恢复为第 {to} 版', noChanges: '两个版本没有差异', pick: '选择两个版本',
    version: '第 {v} 版', count: '{added} 处新增，{removed} 处删除，{changed} 处修改',
  },
  templates: {
    'village-intake': '村代办受理', 'street-review': '街道审核', 'urban-inspection': '城管核查',
    countersign: '会签审批', 'notify-applicant': '通知申请人', 'issue-certificate': '出证', apply: '应用模板：{name}',
  },
  formStarter: {
    applicantName: '申请人姓名', idNumber: '身份证号', phone: '联系电话', description: '申请事项说明',
    decision: '审核结论', approve: '同意', reject: '不同意', comment: '审核意见',
  },
  diffProps: {
    type: '类型', name: '名称', office: '办理科室/岗位', due: '办结时限', signMode: '审批方式', signers: '会签科室/岗位',
    form: '表单', applicantVisit: '申请人到场', jobType: '作业类型', condition: '条件', default: '默认流向',
    source: '起点', target: '终点', documentation: '说明', workdays: '{n} 个工作日', yes: '是',
  },
  export: { failed: '导出失败：{reason}' },
};
