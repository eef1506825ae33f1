import {
  vulnerableReasonLabels,
  type VulnerableReason,
  type WorklistWeights,
} from '../../shared/compliance';
import { formatYuan } from '../../shared/money';
import type { WorklistRow } from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import { openStatuses } from '../../shared/schemas/planning';
import { addDays } from '../../shared/dates';
import { elderlyBornBy } from './elderly';
import { loadRules } from './rules';
import { loadBranchToday } from '../settings/branch-clock';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type InferResult,
  type Kysely,
} from 'kysely';
import { readFlag, writeFlag } from '../db/columns';
import type { Engine } from '../db/engine';
import type { DB } from '../db/schema';

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

/** What the ranking needs besides the branch's rows. */
interface RankInput {
  today: string;
  noticeFrom: string;
  elderlyBornBy: string;
  limit: number;
  weights: WorklistWeights;
  officerId?: number;
  township?: string;
  village?: string;
}

/**
 * The day counts the two engines say differently, named here: SQLite's dates are ISO text
 * (julianday), PostgreSQL's are dates and its instants timestamptz; the last contact is the
 * UTC date of the later of the last call or letter and the last visit, '' when there is none.
 */
function dayCounts(kind: Engine['kind'], today: string) {
  return kind === 'sqlite'
    ? {
        daysSince: (date: Expression<string | null>) =>
          sql<number>`CAST(julianday(${today}) - julianday(${date}) AS INTEGER)`,
        lastContact: sql<string>`substr(max(coalesce(b.last_contact_at, ''),
          coalesce(b.last_visit_at, '')), 1, 10)`,
      }
    : {
        daysSince: (date: Expression<string | null>) =>
          sql<number>`(CAST(${today} AS date) - CAST(${date} AS date))`,
        lastContact: sql<string>`coalesce(to_char(greatest(b.last_contact_at, b.last_visit_at)
          AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '')`,
      };
}

/** `value` held between `low` and `high`, written the same on both engines. */
function clamp<D, T extends keyof D>(
  eb: ExpressionBuilder<D, T>,
  value: Expression<number>,
  low: number,
  high: number,
) {
  return eb
    .case()
    .when(value, '<', low)
    .then(low)
    .when(value, '>', high)
    .then(high)
    .else(value)
    .end();
}

/**
 * One pass over borrowers (overdue_since, total_overdue_fen, broken_promises and the last
 * contact are kept on the row by the case features). Visits enter only through `recent`: the
 * visits from the notice window on, a small slice of the table read by the date index and
 * grouped once, never probed per borrower. (Left to itself SQLite's planner groups by walking
 * the whole (borrower, date) index; a range closed on both ends makes the date index the
 * cheaper path in its estimate.)
 */
function rankedQuery(db: Kysely<DB>, kind: Engine['kind'], input: RankInput) {
  const days = dayCounts(kind, input.today);
  const w = input.weights;
  return db
    .with('recent', (q) =>
      q
        .selectFrom('visits')
        .select((eb) => [
          'borrower_id',
          eb.fn
            .max(
              eb
                .case()
                .when(eb.and([eb('date', '>=', input.today), eb('status', 'in', openStatuses)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as('open_visit'),
          eb.fn
            .max(
              eb
                .case()
                .when(eb.and([eb('notice_status', '<>', 'none'), eb('status', '<>', 'cancelled')]))
                .then(1)
                .else(0)
                .end(),
            )
            .as('notice_out'),
        ])
        .where('date', '>=', input.noticeFrom)
        .where('date', '<=', '9999-12-31')
        .groupBy('borrower_id'),
    )
    .with('facts', (q) => {
      let facts = q
        .selectFrom('borrowers as b')
        .leftJoin('recent as r', 'r.borrower_id', 'b.id')
        .select((eb) => [
          'b.id',
          'b.name',
          'b.township',
          'b.village',
          'b.assigned_officer_id as officer_id',
          'b.status',
          // Elderly by hand, or by the ID's birth date unless a manager cleared it (elderly.ts).
          eb
            .case()
            .when(
              eb.or([
                eb('b.vulnerable_elderly', '=', writeFlag(true)),
                eb.and([
                  eb('b.birth_date', '<=', input.elderlyBornBy),
                  eb.not(
                    eb.exists(
                      eb
                        .selectFrom('elderly_clearances as c')
                        .select('c.borrower_id')
                        .whereRef('c.borrower_id', '=', 'b.id'),
                    ),
                  ),
                ]),
              ]),
            )
            .then(1)
            .else(0)
            .end()
            .as('vulnerable_elderly'),
          'b.vulnerable_ill',
          'b.vulnerable_disabled',
          'b.vulnerable_disaster',
          days.daysSince(eb.ref('b.overdue_since')).as('dpd'),
          'b.total_overdue_fen as fen',
          'b.broken_promises as broken',
          days.lastContact.as('last_contact'),
          eb.fn.coalesce('r.notice_out', eb.val(0)).as('notice_out'),
        ])
        .where('b.overdue_since', 'is not', null)
        .where('b.total_overdue_fen', '>', 0)
        .where('b.status', '<>', 'closed')
        .where((eb) => eb(eb.fn.coalesce('r.open_visit', eb.val(0)), '=', 0));
      if (input.officerId !== undefined) {
        facts = facts.where('b.assigned_officer_id', '=', input.officerId);
      }
      if (input.township) facts = facts.where('b.township', '=', input.township);
      if (input.village) facts = facts.where('b.village', '=', input.village);
      return facts;
    })
    .selectFrom('facts')
    .selectAll()
    .select((eb) => {
      // Weight times value first, then divided: PostgreSQL's numeric division is exact to a
      // point only, and 15 × (5 / 60) would round 1.25 down where 15 × 5 / 60 does not.
      const part = (weight: number, value: Expression<number>, cap: number) =>
        eb.parens(eb.parens(eb.val(weight), '*', value), '/', sql<number>`${sql.lit(cap)}.0`);
      // Never contacted counts as the full span without contact.
      const contactDays = eb
        .case()
        .when('last_contact', '=', '')
        .then(CONTACT_CAP_DAYS)
        .else(clamp(eb, days.daysSince(eb.ref('last_contact')), 0, CONTACT_CAP_DAYS))
        .end();
      const score = [
        part(w.daysPastDue, clamp(eb, eb.ref('dpd'), 0, DPD_CAP), DPD_CAP),
        part(w.overdueAmount, clamp(eb, eb.ref('fen'), 0, AMOUNT_CAP_FEN), AMOUNT_CAP_FEN),
        part(w.brokenPromises, clamp(eb, eb.ref('broken'), 0, PROMISES_CAP), PROMISES_CAP),
        part(w.daysSinceContact, contactDays, CONTACT_CAP_DAYS),
        eb.parens(eb.val(w.noNotice), '*', eb.parens(eb.val(1), '-', eb.ref('notice_out'))),
      ].reduce((sum, term) => eb.parens(sum, '+', term));
      // Rounded as numeric (PostgreSQL rounds no double to a place) and read back as a double.
      return sql<number>`CAST(round(CAST(${score} AS numeric), 1) AS double precision)`.as('score');
    })
    .orderBy('score', 'desc')
    .orderBy('dpd', 'desc')
    .orderBy('id')
    .limit(input.limit);
}

type RankedRow = InferResult<ReturnType<typeof rankedQuery>>[number];

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

export async function worklist(
  app: Visitdesk,
  input: { limit: number; officerId?: number; township?: string; village?: string },
): Promise<WorklistRow[]> {
  const db = app.engine.db;
  const rules = await loadRules(db);
  const w = rules.worklistWeights;
  const today = await loadBranchToday(db, app.now());
  const rows = await rankedQuery(db, app.engine.kind, {
    ...input,
    today,
    noticeFrom: addDays(today, -NOTICE_WINDOW_DAYS),
    elderlyBornBy: elderlyBornBy(today, rules.elderlyAge),
    weights: w,
  }).execute();
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
