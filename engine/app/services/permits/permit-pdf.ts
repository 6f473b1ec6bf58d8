import PDFDocument from 'pdfkit';
import { findCjkFont, type CjkFont } from './cjk-font.ts';

/** What a 旧址重建 permit shows. */
export interface PermitData {
  permitNumber: string;
  caseNumber: string;
  applicantName: string;
  village: string;
  parcelNumber: string;
  areaSqm: number | string;
  floors: number | string;
  approvals: Array<{ step: string; by: string; at: string; comment: string }>;
  issuedAt: Date;
  issuer: string;
}

/** Renders the permit as a PDF. Without a CJK font, Chinese text is replaced and the PDF says why. */
export async function renderPermitPdf(data: PermitData, font: CjkFont | null = findCjkFont()): Promise<{ pdf: Buffer; cjk: boolean }> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Permit ${data.permitNumber}`, Author: data.issuer } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  let text = (s: string) => s;
  if (font) {
    doc.registerFont('cjk', font.path, font.family || undefined);
    doc.font('cjk');
  } else {
    doc.font('Helvetica');
    text = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
  }
  doc.fontSize(20).text(text('农村村民住房建设（旧址重建）许可证'), { align: 'center' });
  doc.fontSize(10).text(text(`Permit No. ${data.permitNumber}  ·  案件编号 ${data.caseNumber}`), { align: 'center' });
  doc.moveDown(1.5).fontSize(12);
  const rows: Array<[string, string]> = [
    ['申请人', data.applicantName],
    ['所在村（社区）', data.village],
    ['宅基地编号', data.parcelNumber],
    ['用地面积（㎡）', String(data.areaSqm)],
    ['层数', String(data.floors)],
    ['发证机关', data.issuer],
    ['发证日期', data.issuedAt.toISOString().slice(0, 10)],
  ];
  for (const [k, v] of rows) doc.text(text(`${k}：${v}`));
  doc.moveDown().fontSize(12).text(text('审批记录'));
  doc.fontSize(10);
  for (const a of data.approvals) doc.text(text(`${a.at.slice(0, 16).replace('T', ' ')}  ${a.step}  ${a.by}  ${a.comment}`));
  if (!font) {
    doc.moveDown().fontSize(9).fillColor('red').text('No CJK font was found on the server (install fonts-wqy-microhei or fonts-noto-cjk, or set STREETFLOW_CJK_FONT); Chinese text is shown as "?".');
  }
  doc.end();
  await finished;
  return { pdf: Buffer.concat(chunks), cjk: font !== null };
}
