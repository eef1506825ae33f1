import type { MonthlyReportData } from '../../../electron/shared/schemas/monthly-report';
import { cashFigureKeys, cashOfficers } from '../features/reports/CashByOfficer';
import { showFigure } from '../features/reports/parts';

type T = (key: string, values?: Record<string, unknown>) => string;

/**
 * 上门收款与缴款 per officer on paper: money taken on visits, receipts handed in late, open
 * hand-in differences, and the branch's total; a month without visit money says so.
 */
export function MonthlyReportCash({ doc, t }: { doc: MonthlyReportData; t: T }) {
  const lang = doc.lang;
  const f = doc.summary.figures;
  const defs = cashFigureKeys.flatMap((k) => doc.summary.definitions.filter((d) => d.key === k));
  if (defs.length === 0) return null;
  const officers = cashOfficers(f);
  const label = (o: { name: string; staffNo: string }) =>
    lang === 'zh' ? `${o.name}（${o.staffNo}）` : `${o.name} (${o.staffNo})`;
  return (
    <>
      <h3 className="mr-cash-title">{t('reports.cashByOfficer')}</h3>
      {officers.length === 0 ? (
        <p>{t('reports.cashNone')}</p>
      ) : (
        <table className="facts compact mr-cash" data-testid="report-cash">
          <thead>
            <tr>
              <th>{t('reports.paper.officer')}</th>
              {defs.map((d) => (
                <th key={d.key}>{d.label[lang]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {officers.map((o) => (
              <tr key={o.staffId} data-officer={o.staffNo}>
                <th scope="row">{label(o)}</th>
                {defs.map((d) => (
                  <td key={d.key} className="num">
                    {showFigure(o.figures, d)}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="mr-total">
              <th scope="row">{t('reports.paper.branchTotal')}</th>
              {defs.map((d) => (
                <td key={d.key} className="num">
                  {showFigure(f.branch, d)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
    </>
  );
}
