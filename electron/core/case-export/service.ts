import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { MAX_CASE_EXPORT_ROWS } from '../../shared/case-export-limit';
import { tierNames } from '../../shared/classification';
import type { caseExportInput } from '../../shared/channels/case-export';
import { can } from '../../shared/roles';
import { AppFailure } from '../../shared/result';
import type { CaseListRow } from '../../shared/schemas/cases';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { listCases } from '../cases/list';
import { caseListFile, type ExportColumn } from './file';
import { loadBranchToday } from '../settings/branch-clock';

type CaseExport = z.output<typeof caseExportInput>;
type Lang = 'zh' | 'en';

const statusWords: Record<CaseListRow['status'], Record<Lang, string>> = {
  active: { zh: '催收中', en: 'Active' },
  disputed: { zh: '争议中', en: 'Disputed' },
  on_hold: { zh: '暂缓', en: 'On hold' },
  closed: { zh: '已关闭', en: 'Closed' },
};

/** Rows read per query: big enough that a 50,000-case list takes ten queries. */
const BATCH = 5_000;

/**
 * Every case the filter matches, in the list's order (the same query as the screen's pages).
 */
async function matchingCases(
  app: Visitdesk,
  input: CaseExport,
  asOf: string,
): Promise<CaseListRow[]> {
  const { purpose: _purpose, fullNumbers: _full, lang: _lang, format: _format, ...filter } = input;
  const rows: CaseListRow[] = [];
  for (let page = 0; ; page++) {
    const batch = await listCases(app, { ...filter, page, pageSize: BATCH }, asOf);
    if (page === 0 && batch.total > MAX_CASE_EXPORT_ROWS) {
      throw new AppFailure('CONFLICT', 'too many cases for one export: narrow the filter', {
        details: { total: batch.total, max: MAX_CASE_EXPORT_ROWS },
      });
    }
    rows.push(...batch.rows);
    if (batch.rows.length < BATCH) return rows;
  }
}

/** Full ID and mobile numbers of the exported cases, only when the user may see them. */
async function fullNumbersOf(db: Kysely<DB>, ids: number[]): Promise<FullNumbers> {
  const found: FullNumbers = new Map();
  for (let i = 0; i < ids.length; i += BATCH) {
    const part = ids.slice(i, i + BATCH);
    const rows = await db
      .selectFrom('borrowers')
      .select(['id', 'id_number', 'mobile'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) found.set(r.id, { idNumber: r.id_number, mobile: r.mobile });
  }
  return found;
}

type FullNumbers = Map<number, { idNumber: string; mobile: string | null }>;

/**
 * The export's columns, written once for both formats: money as yuan (a number in XLSX, plain
 * text without grouping in CSV, so Excel reads it as a number either way), the last contact
 * as its day, the five-tier classification and the status in words.
 */
function caseColumns(lang: Lang, full: FullNumbers | null): ExportColumn<CaseListRow>[] {
  const zh = lang === 'zh';
  return [
    { header: zh ? '姓名' : 'Name', kind: 'text', value: (r) => r.name },
    {
      header: zh ? '身份证号' : 'ID number',
      kind: 'text',
      value: (r) => full?.get(r.id)?.idNumber ?? r.idNumberMasked,
    },
    {
      header: zh ? '手机号' : 'Mobile',
      kind: 'text',
      value: (r) => (full ? full.get(r.id)?.mobile : r.mobileMasked) ?? '',
    },
    { header: zh ? '乡镇' : 'Township', kind: 'text', value: (r) => r.township },
    { header: zh ? '村' : 'Village', kind: 'text', value: (r) => r.village },
    { header: zh ? '客户经理' : 'Officer', kind: 'text', value: (r) => r.officerName ?? '' },
    {
      header: zh ? '逾期总额（元）' : 'Total overdue (yuan)',
      kind: 'money',
      value: (r) => r.totalOverdueFen,
    },
    { header: zh ? '逾期天数' : 'Days past due', kind: 'integer', value: (r) => r.dpd },
    { header: zh ? '账龄' : 'Bucket', kind: 'text', value: (r) => r.bucket },
    // The importer's own header and words (imports/headers.ts, parseTier), so a file read back
    // keeps the tier; empty when no file classified the case, which an import leaves as it was.
    {
      header: zh ? '五级分类' : 'Classification',
      kind: 'text',
      value: (r) => (r.classification ? tierNames[r.classification][lang] : ''),
    },
    {
      header: zh ? '最近联系' : 'Last contact',
      kind: 'date',
      value: (r) => r.lastContactAt?.slice(0, 10) ?? null,
    },
    { header: zh ? '状态' : 'Status', kind: 'text', value: (r) => statusWords[r.status][lang] },
  ];
}

/**
 * Writes the filtered case list as CSV or XLSX: the one case export, behind the screen's button
 * and the CLI's export-cases alike. Full numbers need 'cases.reveal' on top of 'cases.export'
 * (a refused attempt is audited like a refused reveal). Reading writes nothing, so the audit
 * row, with the filter, size and purpose, is the export's only trace.
 */
export async function exportCaseList(app: Visitdesk, input: CaseExport) {
  const session = app.session;
  const { purpose, fullNumbers, lang, format, ...filter } = input;
  if (fullNumbers && !can(session?.role, 'cases.reveal')) {
    await app.write((tx) =>
      app.record(tx, {
        action: 'cases.export',
        entity: 'borrower',
        success: false,
        after: { fullNumbers, purpose, reason: 'may not see full numbers' },
      }),
    );
    throw new AppFailure('FORBIDDEN', 'full ID and phone numbers need the reveal permission');
  }
  const asOf = filter.asOf ?? (await loadBranchToday(app.engine.db, app.now()));
  const rows = await matchingCases(app, input, asOf);
  const full = fullNumbers
    ? await fullNumbersOf(
        app.engine.db,
        rows.map((r) => r.id),
      )
    : null;
  const fileName = `${lang === 'zh' ? '案件清单' : 'cases'}-${asOf.replace(/-/g, '')}.${format}`;
  const bytes = await caseListFile(fileName, caseColumns(lang, full), rows);
  await app.write((tx) =>
    app.record(tx, {
      action: 'cases.export',
      entity: 'borrower',
      after: {
        file: fileName,
        rows: rows.length,
        fullNumbers,
        purpose,
        format,
        filter: { ...filter, asOf },
      },
    }),
  );
  return {
    fileName,
    contentBase64: bytes.toString('base64'),
    rows: rows.length,
    fullNumbers,
  };
}
