import { describe, expect, it } from 'vitest';
import { validateFormData } from '../../engine/app/services/forms/form-validator.ts';
import { renderPermitPdf } from '../../engine/app/services/permits/permit-pdf.ts';
import { findCjkFont } from '../../engine/app/services/permits/cjk-font.ts';
import { listHeader } from '../../engine/app/services/worklist/task-projector.ts';
import { backoffMs } from '../../engine/app/workers/service-worker.ts';
import { fillTemplate } from '../../engine/app/workers/notify.ts';
import { formatCaseNumber } from '../../engine/app/services/cases/case-number.ts';

const form = {
  components: [
    { type: 'textfield', key: 'parcelNumber', label: '宅基地编号', validate: { required: true, pattern: '^TC-ZJD-\\d{4}$' } },
    { type: 'number', key: 'areaSqm', validate: { required: true, max: 120 } },
    { type: 'group', components: [{ type: 'select', key: 'kind', values: [{ value: 'a' }, { value: 'b' }] }] },
    { type: 'text', text: 'not an input' },
  ],
};

describe('form validation, permits and small helpers', () => {
  it('should name each field that breaks the form, including fields inside groups', () => {
    expect(validateFormData(form, { parcelNumber: 'TC-ZJD-0001', areaSqm: 96 })).toEqual([]);
    expect(validateFormData(form, { parcelNumber: 'X', areaSqm: 500, kind: 'c' }).map((p) => p.field)).toEqual(['parcelNumber', 'areaSqm', 'kind']);
    expect(validateFormData(form, {})[0]).toEqual({ field: 'parcelNumber', message: '宅基地编号 (parcelNumber) is required' });
  });

  it('should render a permit PDF with a CJK font when one is installed and say so when not', async () => {
    const data = { permitNumber: 'XK-2026-000001', caseNumber: '桐城-2026-000001', applicantName: '林阿福', village: '渡头村', parcelNumber: 'TC-ZJD-0001', areaSqm: 96, floors: 2, approvals: [{ step: '街道联审', by: '李审核', at: new Date().toISOString(), comment: '同意' }], issuedAt: new Date(), issuer: '桐城街道' };
    const fallback = await renderPermitPdf(data, null);
    expect(fallback.cjk).toBe(false);
    expect(fallback.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const font = findCjkFont();
    if (font) {
      const real = await renderPermitPdf(data, font);
      expect(real.cjk).toBe(true);
      // the CJK font is embedded, so the PDF is much larger than the Latin fallback
      expect(real.pdf.length).toBeGreaterThan(fallback.pdf.length);
    }
  });

  it('should read candidate lists as JSON arrays or comma-separated strings', () => {
    expect(listHeader('["office:cg","post:qyfzb.reviewer"]')).toEqual(['office:cg', 'post:qyfzb.reviewer']);
    expect(listHeader('office:cg, office:shzlb')).toEqual(['office:cg', 'office:shzlb']);
    expect(listHeader(undefined)).toEqual([]);
  });

  it('should back off exponentially and cap the retry delay', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(1000, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(1000, 30)).toBe(300_000);
  });

  it('should fill message templates from nested variables and format case numbers', () => {
    expect(fillTemplate('案件 {caseNumber}（{applicant.name}）{missing}', { caseNumber: 'C-1', applicant: { name: '林' } })).toBe('案件 C-1（林）');
    expect(formatCaseNumber('桐城', 2026, 123)).toBe('桐城-2026-000123');
  });
});
