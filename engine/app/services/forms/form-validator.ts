/** A problem with submitted form data, naming the field. */
export interface FieldProblem {
  field: string;
  message: string;
}

interface FormComponent {
  type?: string;
  key?: string;
  label?: string;
  validate?: { required?: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string };
  values?: Array<{ value: unknown }>;
  components?: FormComponent[];
}

const INPUT_TYPES = new Set(['textfield', 'textarea', 'number', 'select', 'radio', 'checkbox', 'checklist', 'datetime', 'taglist']);

/**
 * Validates data against a form-js schema: required fields, number bounds, text length and
 * pattern, and select/radio values. Unknown keys are allowed (process variables pass through).
 */
export function validateFormData(schema: unknown, data: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const walk = (components: FormComponent[] | undefined) => {
    for (const c of components ?? []) {
      if (c.components) walk(c.components);
      if (!c.key || !INPUT_TYPES.has(c.type ?? '')) continue;
      const v = data[c.key];
      const label = c.label ? `${c.label} (${c.key})` : c.key;
      const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
      if (empty) {
        if (c.validate?.required) problems.push({ field: c.key, message: `${label} is required` });
        continue;
      }
      if (c.type === 'number') {
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isFinite(n)) problems.push({ field: c.key, message: `${label} must be a number` });
        else if (c.validate?.min !== undefined && n < c.validate.min) problems.push({ field: c.key, message: `${label} must be at least ${c.validate.min}` });
        else if (c.validate?.max !== undefined && n > c.validate.max) problems.push({ field: c.key, message: `${label} must be at most ${c.validate.max}` });
      }
      if ((c.type === 'textfield' || c.type === 'textarea') && typeof v === 'string') {
        if (c.validate?.minLength !== undefined && v.length < c.validate.minLength) problems.push({ field: c.key, message: `${label} needs at least ${c.validate.minLength} characters` });
        if (c.validate?.maxLength !== undefined && v.length > c.validate.maxLength) problems.push({ field: c.key, message: `${label} allows at most ${c.validate.maxLength} characters` });
        if (c.validate?.pattern && !new RegExp(c.validate.pattern).test(v)) problems.push({ field: c.key, message: `${label} does not match ${c.validate.pattern}` });
      }
      if ((c.type === 'select' || c.type === 'radio') && c.values && !c.values.some((o) => o.value === v)) {
        problems.push({ field: c.key, message: `${label} must be one of ${c.values.map((o) => JSON.stringify(o.value)).join(', ')}` });
      }
    }
  };
  const root = schema as FormComponent | null;
  walk(root?.components);
  return problems;
}
