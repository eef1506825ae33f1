import { z } from 'zod';
import { minutesOf } from './dates';
import {
  LEGAL_EARLIEST,
  LEGAL_LATEST,
  LEGAL_MAX_CONTACTS_PER_DAY,
  LEGAL_MIN_STAFF,
  NOTICE_MIN_HOURS,
} from './legal-limits';
import { hhmm } from './validation';

/**
 * The visit rules a branch follows: their codes, bilingual messages, the settings schema and
 * its defaults (DOMAIN.md "Rules a branch must follow"). The engine that applies them lives in
 * electron/core/planning/compliance.ts, because it needs facts only the database has (other
 * visits, certificates, leave); the renderer asks it through `planning:check`.
 */

export {
  LEGAL_EARLIEST,
  LEGAL_LATEST,
  LEGAL_MAX_CONTACTS_PER_DAY,
  LEGAL_MIN_STAFF,
  NOTICE_MIN_HOURS,
};

export const ruleCodes = [
  'HOURS_OUTSIDE_LEGAL',
  'HOURS_OUTSIDE_ALLOWED',
  'IN_THE_PAST',
  'PUBLIC_HOLIDAY',
  'REST_DAY',
  'TOO_FEW_STAFF',
  'STAFF_INACTIVE',
  'STAFF_NOT_CERTIFIED',
  'STAFF_ON_LEAVE',
  'STAFF_DOUBLE_BOOKED',
  'TOO_SOON_AFTER_VISIT',
  'MONTHLY_CAP',
  'NOTICE_TOO_LATE',
  'NOTICE_OUT_OF_HOURS',
  'VULNERABLE_NEEDS_APPROVAL',
  'VULNERABLE_PURPOSE',
  'PLACE_NEEDS_APPROVAL',
  'CASE_ON_HOLD',
  'CASE_EXITED',
] as const;
export type RuleCode = (typeof ruleCodes)[number];

/** 'legal': an outer limit of the law, never overridable; 'block': a manager may override. */
export type Severity = 'block' | 'legal';

/**
 * Rules answered by the manager's approval of the visit rather than refused: a manager planning
 * the visit asks for it, and approves it too only as the branch's one manager (issue 14).
 */
export const approvalRuleCodes: readonly RuleCode[] = [
  'VULNERABLE_NEEDS_APPROVAL',
  'PLACE_NEEDS_APPROVAL',
];

/** Rules the planner answers by filling a field; an override does not answer them. */
export const fieldRuleCodes: readonly RuleCode[] = ['VULNERABLE_PURPOSE'];

/** Where a visit happens (DOMAIN.md "Where"): home by default. */
export const visitPlaces = ['home', 'workplace', 'other'] as const;
export type VisitPlace = (typeof visitPlaces)[number];

export const visitPlaceLabels: Record<VisitPlace, { zh: string; en: string }> = {
  home: { zh: '借款人住所', en: "the borrower's home" },
  workplace: { zh: '工作单位', en: 'the workplace' },
  other: { zh: '其他地点', en: 'another place' },
};

/** Purposes that work towards a repayment arrangement, as a vulnerable borrower's visit should. */
export const arrangementPurposes = ['negotiation', 'repayment_plan'] as const;

export interface Violation {
  code: RuleCode;
  severity: Severity;
  message: { zh: string; en: string };
  params: Record<string, string | number>;
}

type Template = { zh: string; en: string };

/** Messages with `{name}` placeholders filled from the violation's params. */
export const ruleMessages: Record<RuleCode, Template> = {
  HOURS_OUTSIDE_LEGAL: {
    zh: '走访时间 {start}–{end} 超出法定时段 08:00–22:00，任何人不得批准',
    en: 'The visit {start}–{end} is outside the legal hours 08:00–22:00; nobody may override this',
  },
  HOURS_OUTSIDE_ALLOWED: {
    zh: '走访须在 {allowedStart}–{allowedEnd} 之间开始并结束（计划为 {start}–{end}）',
    en: 'A visit must start and end between {allowedStart} and {allowedEnd} (planned {start}–{end})',
  },
  IN_THE_PAST: {
    zh: '走访时间 {date} {start} 已经过去',
    en: 'The visit time {date} {start} is in the past',
  },
  PUBLIC_HOLIDAY: {
    zh: '{date} 是法定节假日（{holiday}），除非借款人要求，否则不得上门',
    en: '{date} is a public holiday ({holidayEn}); no visit unless the borrower asked for it',
  },
  REST_DAY: {
    zh: '{date} 是休息日，本网点规定休息日不上门（借款人要求的除外）',
    en: '{date} is a rest day; this branch does not visit on rest days unless the borrower asked',
  },
  TOO_FEW_STAFF: {
    zh: '每次走访至少需要 {min} 名员工（当前 {count} 名）',
    en: 'Every visit needs at least {min} staff ({count} assigned)',
  },
  STAFF_INACTIVE: {
    zh: '{staff} 已停用，不能安排走访',
    en: '{staff} is no longer active and cannot be assigned',
  },
  STAFF_NOT_CERTIFIED: {
    zh: '{staff} 在 {date} 没有有效的催收培训/资格证书',
    en: '{staff} holds no collection training or qualification certificate valid on {date}',
  },
  STAFF_ON_LEAVE: {
    zh: '{staff} 在 {date} 休假',
    en: '{staff} is on leave on {date}',
  },
  STAFF_DOUBLE_BOOKED: {
    zh: '{staff} 在 {date} {otherStart}–{otherEnd} 已有其他走访',
    en: '{staff} already has a visit on {date} {otherStart}–{otherEnd}',
  },
  TOO_SOON_AFTER_VISIT: {
    zh: '该借款人在 {otherDate} 已有走访；任意 {days} 天内最多走访 1 次',
    en: 'This borrower has a visit on {otherDate}; at most one visit in any {days} days',
  },
  MONTHLY_CAP: {
    zh: '该借款人 {month} 已有 {count} 次走访，每月最多 {max} 次',
    en: 'This borrower already has {count} visits in {month}; at most {max} a month',
  },
  NOTICE_TOO_LATE: {
    zh: '须在走访前至少 {hours} 小时打印走访通知书或电话告知借款人',
    en: 'A visit notice must be printed, or the borrower phoned, at least {hours} hours before the visit',
  },
  NOTICE_OUT_OF_HOURS: {
    zh: '{noticeAt} 的通知在 22:00–08:00 之间发出，不算通知；走访前至少 {hours} 小时的合法时段已过，无法再及时通知',
    en: 'The notice of {noticeAt} was given between 22:00 and 08:00 and does not count; no lawful time is left at least {hours} hours before the visit to give one',
  },
  VULNERABLE_NEEDS_APPROVAL: {
    zh: '借款人属于特殊群体（{reasons}），走访前须经经理批准',
    en: 'The borrower is vulnerable ({reasonsEn}); the manager must approve the visit first',
  },
  VULNERABLE_PURPOSE: {
    zh: '借款人属于特殊群体（{reasons}），走访应以协商还款安排为目的（协商还款或商定还款计划）；否则请写明理由',
    en: 'The borrower is vulnerable ({reasonsEn}): the visit should work towards a repayment arrangement (negotiation or a repayment plan), or say why not',
  },
  PLACE_NEEDS_APPROVAL: {
    zh: '在{place}{note}走访可能让雇主、同事或邻居知悉债务，走访前须经经理批准',
    en: 'A visit at {placeEn}{noteEn} could let an employer, colleagues or neighbours learn of the debt; the manager must approve it first',
  },
  CASE_ON_HOLD: {
    zh: '该案件{state}，暂停走访',
    en: 'This case is {stateEn}; visits are suspended',
  },
  CASE_EXITED: {
    zh: '该案件已于 {date} {exit}（文号 {reference}），已退出上门催收，不得再安排走访',
    en: 'This case left doorstep collection on {date}: {exitEn} (ref. {reference}); no more visits',
  },
};

/**
 * A value as English text shows it: a staff label such as 王建国（M001） keeps its words but takes
 * ASCII brackets and commas (王建国 (M001)), as renderer/src/components/punctuation.ts does on
 * screen. The labels are made once, in Chinese, and stored in a record's violations.
 */
const englishAsides = (value: string) =>
  value
    .replace(/(\S)\s*（/g, '$1 (')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/、/g, ', ');

export function fillMessage(
  template: Template,
  params: Record<string, string | number>,
): { zh: string; en: string } {
  const fill = (text: string, lang: 'zh' | 'en') =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      if (!(name in params)) return whole;
      const value = String(params[name]);
      return lang === 'en' ? englishAsides(value) : value;
    });
  return { zh: fill(template.zh, 'zh'), en: fill(template.en, 'en') };
}

export function violation(
  code: RuleCode,
  severity: Severity,
  params: Record<string, string | number> = {},
): Violation {
  return { code, severity, params, message: fillMessage(ruleMessages[code], params) };
}

/**
 * What recording a visit re-checks (DOMAIN.md "Recording re-checks the plan"). A record that
 * breaks one is saved all the same, since it says what happened, and carries the violation.
 */
export const recordRuleCodes = [
  'OUTSIDE_LEGAL_HOURS',
  'OUTSIDE_BRANCH_HOURS',
  'TOO_FEW_STAFF',
  'STAFF_NOT_CERTIFIED',
  'NO_NOTICE',
  'NOTICE_LATE',
  'NOTICE_OUT_OF_HOURS',
  'PLACE_NOT_APPROVED',
] as const;
export type RecordRuleCode = (typeof recordRuleCodes)[number];

export interface RecordViolation {
  code: RecordRuleCode;
  severity: Severity;
  message: { zh: string; en: string };
  params: Record<string, string | number>;
}

export const recordRuleMessages: Record<RecordRuleCode, Template> = {
  OUTSIDE_LEGAL_HOURS: {
    zh: '实际走访时间 {start}–{end} 超出法定时段 08:00–22:00',
    en: 'The visit took place {start}–{end}, outside the legal hours 08:00–22:00',
  },
  OUTSIDE_BRANCH_HOURS: {
    zh: '实际走访时间 {start}–{end} 超出本网点规定的 {allowedStart}–{allowedEnd}',
    en: "The visit took place {start}–{end}, outside the branch's hours {allowedStart}–{allowedEnd}",
  },
  TOO_FEW_STAFF: {
    zh: '只有 {count} 名员工上门，每次走访至少须 {min} 名',
    en: 'Only {count} staff went; every visit needs at least {min}',
  },
  STAFF_NOT_CERTIFIED: {
    zh: '{staff} 在 {date} 没有有效的催收培训/资格证书',
    en: '{staff} held no collection training or qualification certificate valid on {date}',
  },
  NO_NOTICE: {
    zh: '走访前没有通知借款人（须至少提前 {hours} 小时打印通知书或电话告知）',
    en: 'The borrower was not told before the visit (a notice or a call at least {hours} hours ahead)',
  },
  NOTICE_LATE: {
    zh: '通知（{noticeAt}）距走访开始不足 {hours} 小时，不算提前通知',
    en: 'The notice ({noticeAt}) came less than {hours} hours before the visit and does not count',
  },
  NOTICE_OUT_OF_HOURS: {
    zh: '通知（{noticeAt}）在 22:00–08:00 之间发出，不算通知',
    en: 'The notice ({noticeAt}) was given between 22:00 and 08:00 and does not count',
  },
  PLACE_NOT_APPROVED: {
    zh: '在{place}{note}走访，未经经理批准',
    en: 'The visit took place at {placeEn}{noteEn} without the manager’s approval',
  },
};

export function recordViolation(
  code: RecordRuleCode,
  severity: Severity,
  params: Record<string, string | number> = {},
): RecordViolation {
  return { code, severity, params, message: fillMessage(recordRuleMessages[code], params) };
}

/** Words for the vulnerable-borrower reasons, used in messages and the worklist. */
export const vulnerableReasonLabels = {
  elderly: { zh: '高龄', en: 'elderly' },
  ill: { zh: '重病', en: 'seriously ill' },
  disabled: { zh: '残疾', en: 'disabled' },
  disaster: { zh: '受灾', en: 'disaster-hit' },
} as const;
export type VulnerableReason = keyof typeof vulnerableReasonLabels;

/** Weights of the "due for a visit" score; each is 0–100, 0 turns a factor off. */
export const worklistWeightsSchema = z.object({
  daysPastDue: z.number().int().min(0).max(100),
  overdueAmount: z.number().int().min(0).max(100),
  brokenPromises: z.number().int().min(0).max(100),
  daysSinceContact: z.number().int().min(0).max(100),
  noNotice: z.number().int().min(0).max(100),
});
export type WorklistWeights = z.infer<typeof worklistWeightsSchema>;

export const certificateKinds = ['training', 'qualification'] as const;
export type CertificateKind = (typeof certificateKinds)[number];

/**
 * The branch's rule settings. The schema itself refuses anything beyond the legal limits
 * (hours outside 08:00–22:00, fewer than two staff), so no stored setting can break them.
 */
export const planningRulesSchema = z
  .object({
    /** Visits start and end within this window (branch time zone). */
    allowedStart: hhmm,
    allowedEnd: hhmm,
    /** No visit on public holidays unless the borrower asked for it. */
    avoidPublicHolidays: z.boolean(),
    /** Stricter branches also keep weekends free (swap working days count as working days). */
    avoidRestDays: z.boolean(),
    minStaff: z.number().int().min(LEGAL_MIN_STAFF, 'v.minStaff').max(6, 'v.minStaff'),
    /** Certificates that prove collection training. */
    certificateKinds: z.array(z.enum(certificateKinds)).min(1, 'v.required'),
    /** Any two visits of one borrower less than this many days apart: the second is refused. */
    minDaysBetweenVisits: z.number().int().min(1, 'v.days').max(31, 'v.days'),
    maxVisitsPerMonth: z.number().int().min(1, 'v.count').max(31, 'v.count'),
    /** Calls and texts logged on one case in one branch day; never above the legal 3. */
    maxContactsPerDay: z
      .number()
      .int()
      .min(1, 'v.contactsPerDay')
      .max(LEGAL_MAX_CONTACTS_PER_DAY, 'v.contactsPerDay'),
    /**
     * A notice printed or a phone notice at least this many hours before the visit. DOMAIN.md
     * makes 24 hours the meaning of "notice first", so a branch may ask for more, never less.
     */
    noticeMinHours: z
      .number()
      .int()
      .min(NOTICE_MIN_HOURS, 'v.noticeHours')
      .max(168, 'v.noticeHours'),
    vulnerableNeedsApproval: z.boolean(),
    /**
     * Borrowers this old or older by the birth date in their resident ID are elderly, hence
     * vulnerable (老年人权益保障法: 60 and over), unless a manager cleared it with a reason.
     */
    elderlyAge: z.number().int().min(50, 'v.elderlyAge').max(80, 'v.elderlyAge'),
    disputedOnHold: z.boolean(),
    worklistWeights: worklistWeightsSchema,
  })
  .superRefine((rules, ctx) => {
    const legalStart = minutesOf(LEGAL_EARLIEST);
    const legalEnd = minutesOf(LEGAL_LATEST);
    const start = minutesOf(rules.allowedStart);
    const end = minutesOf(rules.allowedEnd);
    if (start < legalStart || start > legalEnd) {
      ctx.addIssue({ code: 'custom', message: 'v.legalHours', path: ['allowedStart'] });
    }
    if (end < legalStart || end > legalEnd) {
      ctx.addIssue({ code: 'custom', message: 'v.legalHours', path: ['allowedEnd'] });
    }
    if (end <= start) {
      ctx.addIssue({ code: 'custom', message: 'v.endAfterStart', path: ['allowedEnd'] });
    }
  });
export type PlanningRules = z.infer<typeof planningRulesSchema>;

export const defaultPlanningRules: PlanningRules = {
  allowedStart: '08:00',
  allowedEnd: '20:00',
  avoidPublicHolidays: true,
  avoidRestDays: false,
  minStaff: 2,
  // The staff list import carries the collection-qualification certificate (资格证书); either
  // kind proves the training. A branch that wants the training certificate itself narrows this.
  certificateKinds: ['training', 'qualification'],
  minDaysBetweenVisits: 3,
  maxVisitsPerMonth: 4,
  maxContactsPerDay: LEGAL_MAX_CONTACTS_PER_DAY,
  noticeMinHours: NOTICE_MIN_HOURS,
  vulnerableNeedsApproval: true,
  elderlyAge: 60,
  disputedOnHold: true,
  worklistWeights: {
    daysPastDue: 40,
    overdueAmount: 25,
    brokenPromises: 15,
    daysSinceContact: 15,
    noNotice: 5,
  },
};
