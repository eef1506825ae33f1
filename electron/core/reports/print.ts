import type { DocumentLang } from '../../shared/schemas/notices';
import type { MonthlyReportData } from '../../shared/schemas/monthly-report';
import type { Session } from '../../shared/schemas/foundation';
import { localIn } from '../../shared/dates';
import type { Visitdesk } from '../app/visitdesk';
import { loadLetterhead } from '../notices/settings';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { monthSummary } from './summary';

/** An instant as the branch's wall clock, YYYY-MM-DDTHH:MM. */
function wallClock(zone: string, instant: Date): string {
  const { date, time } = localIn(zone, instant);
  return `${date}T${time}`;
}

/**
 * The monthly report as a print document: the same summary the screen shows (frozen figures of
 * a standing close, live ones otherwise), under the letterhead the notices carry, stamped with
 * who printed it and when, in branch time. A preview-grade letterhead is enough: the report
 * goes to head office, not to a borrower, so missing phones do not stop it.
 */
export async function monthlyReportDocument(
  app: Visitdesk,
  month: string,
  lang: DocumentLang,
  printedBy: Pick<Session, 'name' | 'staffNo'>,
): Promise<MonthlyReportData> {
  const summary = await monthSummary(app, month);
  const letterhead = await loadLetterhead(app.engine.db);
  const zone = await loadBranchTimeZone(app.engine.db);
  const printedAt = wallClock(zone, app.now());
  return {
    kind: 'monthlyReport',
    lang,
    month,
    referenceNo: '',
    issueDate: printedAt.slice(0, 10),
    printedAt,
    printedBy: { name: printedBy.name, staffNo: printedBy.staffNo },
    letterhead,
    summary,
    closedAtLocal: summary.close ? wallClock(zone, new Date(summary.close.closedAt)) : null,
    checkpointAtLocal: summary.checkpoint ? wallClock(zone, new Date(summary.checkpoint.at)) : null,
  };
}
