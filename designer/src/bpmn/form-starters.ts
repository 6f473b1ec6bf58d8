import type { FormSchema } from '../api/types.ts';

/** A first form for a start event (the applicant's details) or a user task (decision and comment). */
export function starterForm(formId: string, forStart: boolean, t: (key: string) => string): FormSchema {
  const components = forStart
    ? [
        { type: 'textfield', key: 'applicantName', label: t('formStarter.applicantName'), validate: { required: true } },
        { type: 'textfield', key: 'applicantIdNumber', label: t('formStarter.idNumber') },
        { type: 'textfield', key: 'applicantPhone', label: t('formStarter.phone'), validate: { required: true } },
        { type: 'textarea', key: 'description', label: t('formStarter.description') },
      ]
    : [
        {
          type: 'radio', key: 'decision', label: t('formStarter.decision'), validate: { required: true },
          values: [{ label: t('formStarter.approve'), value: 'approve' }, { label: t('formStarter.reject'), value: 'reject' }],
        },
        { type: 'textarea', key: 'comment', label: t('formStarter.comment') },
      ];
  return { type: 'default', id: formId, components: components.map((c, i) => ({ ...c, id: `Field_${i + 1}` })) };
}
