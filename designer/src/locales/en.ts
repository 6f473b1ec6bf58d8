import type zh from './zh-CN.ts';

/** English UI strings; the shape must match zh-CN. */
const en: typeof zh = {
  app: { name: 'Streetflow', subtitle: 'Approval processes for street offices' },
  nav: { designer: 'Designer', worklist: 'Worklist', cases: 'Cases', audit: 'Audit', analytics: 'Analytics' },
  common: {
    save: 'Save', cancel: 'Cancel', close: 'Close', confirm: 'OK', delete: 'Delete', loading: 'Loading…',
    retry: 'Retry', back: 'Back', language: 'Language', logout: 'Log out', error: 'Something went wrong', none: 'None',
  },
  login: {
    title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', submitting: 'Logging in…',
    failed: 'Wrong username or password', tooMany: 'Too many attempts, try again later', unreachable: 'Cannot reach the server',
    hint: 'Process owners design, deploy and compare approval processes here.',
  },
  library: {
    title: 'Process library', create: 'New process', import: 'Import .bpmn', search: 'Search by name or id',
    processes: 'Deployed processes', drafts: 'Drafts', emptyProcesses: 'No process has been deployed yet.',
    emptyDrafts: 'No drafts.', name: 'Name', id: 'Process id', latest: 'Latest', running: 'Running',
    versions: 'Versions', deployedBy: 'Deployed by', deployedAt: 'Deployed at', changeNote: 'Change note',
    updatedAt: 'Updated', updatedBy: 'Updated by', open: 'Open', duplicate: 'Duplicate', compare: 'Compare',
    showVersions: 'History', hideVersions: 'Hide', copySuffix: ' (copy)', newName: 'New process',
    importFailed: 'Import failed: {reason}', notBpmn: 'The file is not valid BPMN 2.0 XML',
    systemDeployer: 'Installed with the system', confirmDelete: 'Delete draft "{name}"?', instances: '{n} running',
  },
  modeler: {
    title: 'Designer', save: 'Save draft', saved: 'Saved', deploy: 'Deploy', deploying: 'Deploying…',
    deployed: 'Deployed as version {version}', deployBlocked: '{n} errors must be fixed before deploying',
    changeNote: 'Change note', changeNotePlaceholder: 'What changed and why', deployTitle: 'Deploy process',
    rejected: 'The engine rejected the deployment', exportBpmn: 'Export BPMN', exportSvg: 'Export SVG', exportPng: 'Export PNG',
    importBpmn: 'Import BPMN', simulate: 'Simulate', stopSimulate: 'Stop simulation', versions: 'Versions',
    problems: 'Problems', form: 'Form', noProblems: 'No problems found', errors: '{n} errors', warnings: '{n} warnings',
    element: 'Element', message: 'Message', unsaved: 'Unsaved changes', processName: 'Process name',
    zoomFit: 'Fit to screen', undo: 'Undo', redo: 'Redo', loadFailed: 'Cannot open the process: {reason}',
    laidOut: 'The file had no diagram layout; it was laid out automatically',
    readOnlyVersion: 'Viewing deployed version {version}. Saving creates a new draft.',
  },
  problems: {
    officeMissing: 'User task "{name}" has no office or post assigned',
    dueMissing: 'User task "{name}" has no due time (办结时限)',
    defaultFlowMissing: 'Exclusive gateway "{name}" has no default flow',
    applicantTrips: 'The applicant must come in {n} times ({names}); at most one trip is allowed',
    rejectedByEngine: 'Engine: {message}',
  },
  props: {
    group: 'Street office', office: 'Office / post', officePlaceholder: '— choose an office or post —',
    dueWorkdays: 'Due time (working days)', dueHint: 'Counted on the working-day calendar; empty or 0 means none',
    signMode: 'Approval mode', single: 'Single approver', all: 'Countersign (all approve)', any: 'Any one approves',
    ratio: 'Ratio', ratioValue: 'Approval ratio (%)', signers: 'Countersigning offices / posts',
    applicantVisit: 'Applicant must come in', form: 'Form', editForm: 'Edit form', createForm: 'Create form',
    timeoutPolicy: 'When overdue', timeout: { none: 'Nothing', remind: 'Remind the holder', 'auto-approve': 'Approve automatically', 'auto-reject': 'Reject automatically' },
    templates: 'Street templates',
  },
  forms: {
    title: 'Form designer', preview: 'Preview', editor: 'Edit', linkedTo: 'Linked element: {name}', apply: 'Done',
    trySubmit: 'Try submitting', previewSubmit: 'Submitted data (preview)',
  },
  versions: {
    title: 'Compare versions', left: 'Older', right: 'Newer', added: 'Added', removed: 'Removed', changed: 'Changed',
    property: 'Property', before: 'Before', after: 'After', restore: 'Restore as newest', restoreNote: 'Restore version {version}',
    restored: 'Version {from} restored as version {to}', noChanges: 'The versions are identical', pick: 'Choose two versions',
    version: 'Version {v}', count: '{added} added, {removed} removed, {changed} changed',
  },
  templates: {
    'village-intake': 'Village agent intake', 'street-review': 'Street review', 'urban-inspection': 'Urban-management inspection',
    countersign: 'Countersign approval', 'notify-applicant': 'Notify applicant', 'issue-certificate': 'Issue certificate', apply: 'Apply template: {name}',
  },
  formStarter: {
    applicantName: 'Applicant name', idNumber: 'ID number', phone: 'Phone', description: 'What is applied for',
    decision: 'Decision', approve: 'Approve', reject: 'Reject', comment: 'Comment',
  },
  diffProps: {
    type: 'Type', name: 'Name', office: 'Office / post', due: 'Due time', signMode: 'Approval mode', signers: 'Countersigning',
    form: 'Form', applicantVisit: 'Applicant comes in', jobType: 'Job type', condition: 'Condition', default: 'Default flow',
    source: 'Source', target: 'Target', documentation: 'Documentation', workdays: '{n} working days', yes: 'yes', perSigner: 'each countersigning office / post',
  },
  export: { failed: 'Export failed: {reason}' },
};
export default en;
