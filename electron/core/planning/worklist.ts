import {
  vulnerableReasonLabels,
  type VulnerableReason,
  type WorklistWeights,
} from '../../shared/compliance';
import { formatYuan } from '../../shared/money';
import type { WorklistRow } from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import { openStatuses } from '../../shared/schemas/planning';
import { sqlList, statement } from '../db/query';
import { addDays } from '../../shared/dates';
import { elderlyBornBy } from './elderly';
import { readRules } from './rules';
import { branchToday } from '../settings/branch-clock';
import type { Selectable } from 'kysely';
import type { BorrowersTable } from '../cases/tables';
import { readFlag, type Flag } from '../db/columns';
import type { Sqlite } from '../db/sqlite';

/**
 * "Due for a visit": overdue borrowers without an open visit, ranked by a weighted score of
 * days past due, overdue amount, broken promises, days since the last contact (call, letter or
 * visit) and whether a notice went out lately. One SQL query ranks everyone and returns the top rows; the plain
 * words for each row are written afterwards, for those rows only.
 *
 * Each factor is scaled to 0–1 before weighting, so the weights (a setting, 0–100 each) read as
 * points: 180+ days past due, ¥50,000+ overdue, 3+ broken promises and 60+ days without contact
 * each earn their full weight; no notice in the last 30 days earns its weight.
 */

const DPD_CAP = 180;
const AMOUNT_CAP_FEN = 5_000_000;
const PROMISES_CAP = 3;
const CONTACT_CAP_DAYS = 60;
const NOTICE_WINDOW_DAYS = 30;

/**
 * One pass over borrowers (overdue_since, total_overdue_fen, broken_promises and the last
 * contact are kept on the row by the case features). Visits enter only through `recent`: the
 * visits from the notice window on, a small slice of the table read by the date index and
 * grouped once, never probed per borrower. (Left to itself the planner groups by walking the
 * whole (borrower, date) index, hence INDEXED BY.)
 */
const SQL = (filters: string) => `
  WITH recent AS (
    SELECT borrower_id,
           max(date >= :today AND status IN ${sqlList(openStatuses)}) AS open_visit,
           max(notice_status <> 'none' AND status <> 'cancelled') AS notice_out
    FROM visits INDEXED BY visits_date
    WHERE date >= :noticeFrom
    GROUP BY borrower_id
  ),
  facts AS (
    SELECT b.id, b.name, b.township, b.village, b.assigned_officer_id AS officer_id, b.status,
           -- Elderly by hand, or by the ID's birth date unless a manager cleared it (elderly.ts).
           max(b.vulnerable_elderly, b.birth_date <= :elderlyBornBy AND NOT EXISTS (
             SELECT 1 FROM elderly_clearances c WHERE c.borrower_id = b.id)) AS vulnerable_elderly,
           b.vulnerable_ill, b.vulnerable_disabled, b.vulnerable_disaster,
           CAST(julianday(:today) - julianday(b.overdue_since) AS INTEGER) AS dpd,
           b.total_overdue_fen AS fen,
           b.broken_promises AS broken,
           substr(max(coalesce(b.last_contact_at, ''), coalesce(b.last_visit_at, '')), 1, 10)
             AS last_contact,
           coalesce(r.notice_out, 0) AS notice_out
    FROM borrowers b
    LEFT JOIN recent r ON r.borrower_id = b.id
    WHERE b.overdue_since IS NOT NULL AND b.total_overdue_fen > 0 AND b.status <> 'closed'
      AND coalesce(r.open_visit, 0) = 0
      ${filters}
  )
  SELECT *,
    round(
      :wDpd * min(max(dpd, 0), ${DPD_CAP}) / ${DPD_CAP}.0
      + :wAmount * min(fen, ${AMOUNT_CAP_FEN}) / ${AMOUNT_CAP_FEN}.0
      + :wPromises * min(broken, ${PROMISES_CAP}) / ${PROMISES_CAP}.0
      + :wContact * (CASE WHEN last_contact = '' THEN 1.0
          ELSE min(max(julianday(:today) - julianday(last_contact), 0), ${CONTACT_CAP_DAYS})
            / ${CONTACT_CAP_DAYS}.0 END)
      + :wNotice * (1 - notice_out), 1) AS score
  FROM facts
  ORDER BY score DESC, dpd DESC, id
  LIMIT :limit`;

/** A ranked row: the borrower's own columns and the factors computed for it. */
interface RankedRow extends Pick<
  Selectable<BorrowersTable>,
  | 'id'
  | 'name'
  | 'township'
  | 'village'
  | 'status'
  | 'vulnerable_elderly'
  | 'vulnerable_ill'
  | 'vulnerable_disabled'
  | 'vulnerable_disaster'
> {
  officer_id: number | null;
  dpd: number;
  fen: number;
  broken: number;
  last_contact: string;
  notice_out: Flag;
  score: number;
}

type RankParams = Record<string, string | number>;

/**
 * The ranking query, kept as SQL: Kysely cannot say `INDEXED BY`, and the two-argument scalar
 * `max()` and `julianday()` are SQLite's own. `filters` are fixed clauses naming parameters.
 */
function rankedRows(db: Sqlite, filters: readonly string[], params: RankParams): RankedRow[] {
  return statement(db, SQL(filters.join(' '))).all(params) as RankedRow[];
}

const vulnerableReasons = Object.keys(vulnerableReasonLabels) as VulnerableReason[];

type Reason = { zh: string; en: string; points: number };

function reasonsFor(row: RankedRow, days: number | null, w: WorklistWeights): Reason[] {
  const reasons: Reason[] = [
    {
      zh: `逾期 ${row.dpd} 天`,
      en: `${row.dpd} days past due`,
      points: (w.daysPastDue * Math.min(Math.max(row.dpd, 0), DPD_CAP)) / DPD_CAP,
    },
    {
      zh: `逾期金额 ${formatYuan(row.fen)}`,
      en: `${formatYuan(row.fen)} overdue`,
      points: (w.overdueAmount * Math.min(row.fen, AMOUNT_CAP_FEN)) / AMOUNT_CAP_FEN,
    },
  ];
  if (row.broken > 0) {
    reasons.push({
      zh: `违约承诺还款 ${row.broken} 次`,
      en: `${row.broken} broken promise${row.broken === 1 ? '' : 's'} to pay`,
      points: (w.brokenPromises * Math.min(row.broken, PROMISES_CAP)) / PROMISES_CAP,
    });
  }
  reasons.push(
    days === null
      ? { zh: '从未联系', en: 'never contacted', points: w.daysSinceContact }
      : {
          zh: `已 ${days} 天未联系`,
          en: `no contact for ${days} days`,
          points: (w.daysSinceContact * Math.min(days, CONTACT_CAP_DAYS)) / CONTACT_CAP_DAYS,
        },
  );
  if (!readFlag(row.notice_out)) {
    reasons.push({
      zh: `近 ${NOTICE_WINDOW_DAYS} 天未发出通知`,
      en: `no notice in the last ${NOTICE_WINDOW_DAYS} days`,
      points: w.noNotice,
    });
  }
  return reasons.filter((r) => r.points > 0).sort((a, b) => b.points - a.points);
}

export function worklist(
  app: Visitdesk,
  input: { limit: number; officerId?: number; township?: string; village?: string },
): WorklistRow[] {
  const rules = readRules(app.db);
  const w = rules.worklistWeights;
  const today = branchToday(app.db, app.now());
  const filters: string[] = [];
  const params: RankParams = {
    today,
    noticeFrom: addDays(today, -NOTICE_WINDOW_DAYS),
    elderlyBornBy: elderlyBornBy(today, rules.elderlyAge),
    limit: input.limit,
    wDpd: w.daysPastDue,
    wAmount: w.overdueAmount,
    wPromises: w.brokenPromises,
    wContact: w.daysSinceContact,
    wNotice: w.noNotice,
  };
  if (input.officerId !== undefined) {
    filters.push('AND b.assigned_officer_id = :officerId');
    params.officerId = input.officerId;
  }
  if (input.township) {
    filters.push('AND b.township = :township');
    params.township = input.township;
  }
  if (input.village) {
    filters.push('AND b.village = :village');
    params.village = input.village;
  }
  const rows = rankedRows(app.db, filters, params);
  return rows.map((row) => {
    const days =
      row.last_contact === ''
        ? null
        : Math.max(0, Math.round((Date.parse(today) - Date.parse(row.last_contact)) / 86_400_000));
    const vulnerable = vulnerableReasons.filter((reason) => readFlag(row[`vulnerable_${reason}`]));
    const hold = row.status === 'disputed' || row.status === 'on_hold' ? row.status : null;
    const flags: { zh: string; en: string }[] = [];
    if (vulnerable.length > 0 && rules.vulnerableNeedsApproval) {
      const labels = vulnerable.map((r) => vulnerableReasonLabels[r]);
      flags.push({
        zh: `特殊群体（${labels.map((l) => l.zh).join('、')}）：走访须经理批准，优先协商还款安排`,
        en: `Vulnerable (${labels.map((l) => l.en).join(', ')}): the manager approves visits; favour a repayment arrangement`,
      });
    }
    if (hold === 'disputed' && rules.disputedOnHold) {
      flags.push({ zh: '案件有争议：暂停走访', en: 'Disputed: visits suspended' });
    }
    if (hold === 'on_hold' && rules.disputedOnHold) {
      flags.push({ zh: '已暂停催收：暂停走访', en: 'On hold: visits suspended' });
    }
    return {
      borrowerId: row.id,
      name: row.name,
      township: row.township,
      village: row.village,
      officerId: row.officer_id,
      daysPastDue: row.dpd,
      overdueFen: row.fen,
      brokenPromises: row.broken,
      daysSinceContact: days,
      noticeOut: readFlag(row.notice_out),
      score: row.score,
      reasons: reasonsFor(row, days, w).map(({ zh, en }) => ({ zh, en })),
      vulnerable,
      hold,
      flags,
      lastContactDate: row.last_contact || null,
    };
  });
}
