import type { z } from 'zod';
import { MAX_CASE_EXPORT_ROWS, type caseExportInput } from '../../shared/channels/case-export';
import { formatFen } from '../../shared/money';
import { can } from '../../shared/roles';
import { AppFailure } from '../../shared/result';
import type { CaseListRow } from '../../shared/schemas/cases';
import { toCsv } from '../../shared/spreadsheet';
import type { Visitdesk } from '../app/visitdesk';
import { all, qb } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { listCases } from '../cases/list';
import { branchToday } from '../imports/handlers';

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

/** Every case the filter matches, in the list's order (the same query as the screen's pages). */
function matchingCases(db: Sqlite, input: CaseExport, asOf: string): CaseListRow[] {
  const { purpose: _purpose, fullNumbers: _full, lang: _lang, ...filter } = input;
  const rows: CaseListRow[] = [];
  for (let page = 0; ; page++) {
    const batch = listCases(db, { ...filter, page, pageSize: BATCH }, asOf);
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
function fullNumbersOf(db: Sqlite, ids: number[]) {
  const found = new Map<number, { idNumber: string; mobile: string | null }>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const part = ids.slice(i, i + BATCH);
    const rows = all(
      db,
      qb.selectFrom('borrowers').select(['id', 'id_number', 'mobile']).where('id', 'in', part),
    );
    for (const r of rows) found.set(r.id, { idNumber: r.id_number, mobile: r.mobile });
  }
  return found;
}

function caseCsv(
  rows: CaseListRow[],
  lang: Lang,
  full: Map<number, { idNumber: string; mobile: string | null }> | null,
) {
  const zh = lang === 'zh';
  const header = zh
    ? [
        '姓名',
        '身份证号',
        '手机号',
        '乡镇',
        '村',
        '客户经理',
        '逾期总额（元）',
        '逾期天数',
        '账龄',
        '最近联系',
        '状态',
      ]
    : [
        'Name',
        'ID number',
        'Mobile',
        'Township',
        'Village',
        'Officer',
        'Total overdue (yuan)',
        'Days past due',
        'Bucket',
        'Last contact',
        'Status',
      ];
  return toCsv([
    header,
    ...rows.map((r) => [
      r.name,
      full?.get(r.id)?.idNumber ?? r.idNumberMasked,
      (full ? full.get(r.id)?.mobile : r.mobileMasked) ?? '',
      r.township,
      r.village,
      r.officerName ?? '',
      // Plain yuan with two decimals and no grouping: Excel reads it as a number.
      formatFen(r.totalOverdueFen).replace(/,/g, ''),
      r.dpd,
      r.bucket,
      r.lastContactAt?.slice(0, 10) ?? '',
      statusWords[r.status][lang],
    ]),
  ]);
}

/**
 * Writes the filtered case list as CSV. Full numbers need 'cases.reveal' on top of
 * 'cases.export' (a refused attempt is audited like a refused reveal). Reading writes nothing,
 * so the audit row, with the filter, size and purpose, is the export's only trace.
 */
export function exportCaseList(app: Visitdesk, input: CaseExport) {
  const session = app.session;
  const { purpose, fullNumbers, lang, ...filter } = input;
  if (fullNumbers && !can(session?.role, 'cases.reveal')) {
    app.db.transaction(() => {
      app.audit({
        action: 'cases.export',
        entity: 'borrower',
        success: false,
        after: { fullNumbers, purpose, reason: 'may not see full numbers' },
      });
    })();
    throw new AppFailure('FORBIDDEN', 'full ID and phone numbers need the reveal permission');
  }
  const asOf = filter.asOf ?? branchToday(app.db, app.now());
  const rows = matchingCases(app.db, input, asOf);
  const full = fullNumbers
    ? fullNumbersOf(
        app.db,
        rows.map((r) => r.id),
      )
    : null;
  const csv = caseCsv(rows, lang, full);
  const fileName = `${lang === 'zh' ? '案件清单' : 'cases'}-${asOf.replace(/-/g, '')}.csv`;
  app.db.transaction(() => {
    app.audit({
      action: 'cases.export',
      entity: 'borrower',
      after: {
        file: fileName,
        rows: rows.length,
        fullNumbers,
        purpose,
        filter: { ...filter, asOf },
      },
    });
  })();
  return {
    fileName,
    contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
    rows: rows.length,
    fullNumbers,
  };
}
