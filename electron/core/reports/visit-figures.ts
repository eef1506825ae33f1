import type { Sqlite } from '../db/sqlite';
import { statement } from '../db/query';
import type { MonthRange } from './month';
import { weekStarts } from './month';
import { define, EFFECTIVE_RECORDS, MONTH_VISITS, params, tallyQuery, type Tally } from './tally';

/** Visit figures: counts by status, what the records say, overrides. */

export const visitDefinitions = [
  define(
    'visitsPlanned',
    'count',
    'visits',
    ['计划走访', 'Visits planned'],
    [
      '计划日期在本月内的走访（含已取消；改期的原计划不计，只计改期后的新走访）。',
      'Visits with a planned date in the month, cancelled ones included; a rescheduled original is not counted, only the visit that replaced it.',
    ],
  ),
  define(
    'visitsDone',
    'count',
    'visits',
    ['已完成', 'Done'],
    [
      '本月计划走访中状态为“已完成”（见到了人并已记录）的数量。',
      "The month's visits whose status is done (someone was met and the visit was recorded).",
    ],
  ),
  define(
    'visitsNotDone',
    'count',
    'visits',
    ['未完成', 'Not done'],
    [
      '本月计划走访中状态为“未完成”（上门未见到人）的数量。',
      "The month's visits whose status is not done (nobody was met).",
    ],
  ),
  define(
    'visitsCancelled',
    'count',
    'visits',
    ['已取消', 'Cancelled'],
    ['本月计划走访中已取消的数量。', "The month's visits that were cancelled."],
  ),
  define(
    'visitsOpen',
    'count',
    'visits',
    ['尚未走访', 'Still open'],
    [
      '本月计划走访中仍为“已计划/已通知”、尚无结果的数量。',
      "The month's visits still planned or notified, with no result yet.",
    ],
  ),
  define(
    'visitsOverridden',
    'count',
    'visits',
    ['经经理越权批准的走访', 'Visits with an override'],
    [
      '本月计划走访中带有经理书面越权理由（规则被越过）的数量；尚待另一位经理批准的越权提议不计。',
      "The month's visits that carry a manager's written override of a planning rule; an override still waiting for another manager's approval is not counted.",
    ],
  ),
  define(
    'visitsCarriedOut',
    'count',
    'visits',
    ['已上门', 'Visits carried out'],
    [
      '本月计划走访中已有走访记录的数量（已完成与未见到人之和），以最新更正记录为准。',
      "The month's visits that have a visit record (done plus nobody met), using the latest correction.",
    ],
  ),
  define(
    'contacts',
    'count',
    'visits',
    ['见到人', 'Someone met'],
    [
      '已上门走访中见到了借款人、配偶或家人的数量。',
      'Visits carried out where the borrower, spouse or family was met.',
    ],
  ),
  define(
    'rightPartyContacts',
    'count',
    'visits',
    ['见到借款人本人', 'Borrower met'],
    [
      '已上门走访中见到借款人本人的数量。',
      'Visits carried out where the borrower in person was met.',
    ],
  ),
  define(
    'completionRate',
    'rate',
    'visits',
    ['完成率', 'Completion rate'],
    ['已完成 ÷（计划走访 − 已取消）。', 'Done ÷ (visits planned − cancelled).'],
  ),
  define(
    'contactRate',
    'rate',
    'visits',
    ['接触率', 'Contact rate'],
    [
      '见到人的走访 ÷ 已上门走访（已完成 + 未见到人）。',
      'Visits where someone was met ÷ visits carried out (done + nobody met).',
    ],
  ),
  define(
    'rightPartyRate',
    'rate',
    'visits',
    ['本人接触率', 'Right-party contact rate'],
    [
      '见到借款人本人的走访 ÷ 已上门走访。',
      'Visits where the borrower was met ÷ visits carried out.',
    ],
  ),
  define(
    'ruleOverrides',
    'count',
    'visits',
    ['规则越权次数', 'Rule overrides'],
    [
      '对本月计划日期内的走访（含改期原计划）经理作出的越权决定次数（审计日志 visit.override）。',
      "The manager's override decisions (audit rows visit.override) on visits dated in the month, rescheduled originals included.",
    ],
  ),
  define(
    'overridesSelfApproved',
    'count',
    'visits',
    ['经理自批的越权', 'Self-approved overrides'],
    [
      '本月计划走访中，越权由提出它的经理本人批准的数量（当时支行只有这一位在职经理；有第二位经理时须由另一位批准）。',
      "The month's visits whose override was granted by the manager who proposed it, being then the branch's only active manager (with a second manager, the other one must approve it).",
    ],
  ),
];

/*
 * CROSS JOIN keeps the month's few thousand visits (or their records) on the outside of the
 * staff join: left to itself the planner scanned every visit_staff row of ten years (2,000,000
 * at full scale, ~100 ms per query) and probed the month's visits with a Bloom filter.
 */
const COUNTS = `
  WITH ${MONTH_VISITS}
  SELECT NULL AS staff_id, ${countColumns('mv')} FROM mv
  UNION ALL
  SELECT s.staff_id, ${countColumns('mv')} FROM mv CROSS JOIN visit_staff s ON s.visit_id = mv.id
  GROUP BY s.staff_id`;

function countColumns(t: string) {
  return `count(*) AS visitsPlanned,
    count(*) FILTER (WHERE ${t}.status = 'done') AS visitsDone,
    count(*) FILTER (WHERE ${t}.status = 'not_done') AS visitsNotDone,
    count(*) FILTER (WHERE ${t}.status = 'cancelled') AS visitsCancelled,
    count(*) FILTER (WHERE ${t}.status IN ('planned', 'notified')) AS visitsOpen,
    count(*) FILTER (WHERE ${t}.override_reason IS NOT NULL AND ${t}.overridden_by IS NOT NULL)
      AS visitsOverridden,
    count(*) FILTER (WHERE ${t}.override_self_approved = 1) AS overridesSelfApproved`;
}

const recordColumns = `count(*) AS visitsCarriedOut,
  count(*) FILTER (WHERE eff.met <> 'nobody') AS contacts,
  count(*) FILTER (WHERE eff.met = 'borrower') AS rightPartyContacts`;

const RECORDS = `
  WITH ${MONTH_VISITS}, ${EFFECTIVE_RECORDS}
  SELECT NULL AS staff_id, ${recordColumns} FROM eff
  UNION ALL
  SELECT s.staff_id, ${recordColumns} FROM eff CROSS JOIN visit_staff s ON s.visit_id = eff.visit_id
  GROUP BY s.staff_id`;

/**
 * Override decisions found through the audit index (entity, entity_id) from the month's visits
 * (kept outside, or the planner walks every audit row about any visit).
 */
const OVERRIDES = `
  WITH ov AS MATERIALIZED (
    SELECT v.id AS visit_id, count(*) AS n
    FROM visits v INDEXED BY visits_date
    CROSS JOIN audit_log a ON a.entity = 'visit' AND a.entity_id = CAST(v.id AS TEXT)
    WHERE v.date >= :from AND v.date < :next AND a.action = 'visit.override'
    GROUP BY v.id
  )
  SELECT NULL AS staff_id, coalesce(sum(n), 0) AS ruleOverrides FROM ov
  UNION ALL
  SELECT s.staff_id, sum(ov.n) FROM ov CROSS JOIN visit_staff s ON s.visit_id = ov.visit_id
  GROUP BY s.staff_id`;

export function visitTallies(db: Sqlite, tally: Tally, range: MonthRange): void {
  tallyQuery(db, tally, COUNTS, range);
  tallyQuery(db, tally, RECORDS, range);
  tallyQuery(db, tally, OVERRIDES, range);
}

const BY_DAY = `
  WITH ${MONTH_VISITS}
  SELECT date, count(*) AS planned, count(*) FILTER (WHERE status = 'done') AS done
  FROM mv GROUP BY date`;

/** Visits planned and done per Monday-start week (the first week starts on the 1st). */
export function visitsByWeek(db: Sqlite, range: MonthRange) {
  const days = statement(db, BY_DAY).all(params(range)) as {
    date: string;
    planned: number;
    done: number;
  }[];
  const weeks = weekStarts(range).map((weekStart) => ({ weekStart, planned: 0, done: 0 }));
  for (const day of days) {
    const week = weeks.findLast((w) => w.weekStart <= day.date);
    if (!week) continue;
    week.planned += day.planned;
    week.done += day.done;
  }
  return weeks;
}

const OUTCOMES = `
  WITH ${MONTH_VISITS}, ${EFFECTIVE_RECORDS}
  SELECT outcome, count(*) AS count FROM eff GROUP BY outcome ORDER BY count DESC, outcome`;

export function outcomeCounts(db: Sqlite, range: MonthRange) {
  return statement(db, OUTCOMES).all(params(range)) as { outcome: string; count: number }[];
}
