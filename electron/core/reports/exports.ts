import type { Visitdesk } from '../app/visitdesk';
import { figuresSource, liveMonthVisitRows } from './live-figures';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { monthRangeIn } from './month';
import { monthSummary } from './summary';
import { summaryWorkbook, visitCsv, type ExportData, type Lang } from './xlsx';

/**
 * Exports for head office. A closed month always exports its frozen figures (the summary reads
 * them from the close); the visit list is read live. Each export is audited with what went out
 * and, since the visit list names borrowers, the purpose the user stated (PIPL), on screen or
 * with the CLI's --purpose.
 */
async function exportData(app: Visitdesk, month: string): Promise<ExportData> {
  const db = app.engine.db;
  const summary = await monthSummary(app, month);
  const range = monthRangeIn(month, await loadBranchTimeZone(db));
  const branch = await db.selectFrom('branch').select('name').executeTakeFirst();
  return {
    branchName: branch?.name ?? '',
    figures: summary.figures,
    frozen: summary.frozen,
    close: summary.close,
    previous: summary.previous?.figures ?? null,
    lastYear: summary.lastYear?.figures ?? null,
    visits: await liveMonthVisitRows(figuresSource(app), range),
  };
}

function auditExport(
  app: Visitdesk,
  month: string,
  format: string,
  data: ExportData,
  purpose: string,
) {
  return app.write((tx) =>
    app.record(tx, {
      action: 'reports.export',
      entity: 'month',
      entityId: month,
      after: {
        format,
        frozen: data.frozen,
        figuresSha256: data.close?.figuresSha256 ?? null,
        visitRows: data.visits.length,
        purpose,
      },
    }),
  );
}

export async function exportXlsx(app: Visitdesk, month: string, lang: Lang, purpose: string) {
  const data = await exportData(app, month);
  const buffer = await summaryWorkbook(data, lang);
  await auditExport(app, month, 'xlsx', data, purpose);
  return {
    fileName: `${lang === 'zh' ? '月度汇总' : 'monthly-summary'}-${month}.xlsx`,
    base64: buffer.toString('base64'),
    frozen: data.frozen,
  };
}

export async function exportCsv(app: Visitdesk, month: string, lang: Lang, purpose: string) {
  const data = await exportData(app, month);
  const csv = visitCsv(data.visits, lang);
  await auditExport(app, month, 'csv', data, purpose);
  return {
    fileName: `${lang === 'zh' ? '走访清单' : 'visits'}-${month}.csv`,
    base64: Buffer.from(csv, 'utf8').toString('base64'),
    frozen: data.frozen,
  };
}
