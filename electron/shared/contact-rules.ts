import { fillMessage, LEGAL_EARLIEST, LEGAL_LATEST } from './compliance';

/**
 * The rules for contacts logged on a case (calls, texts, visits logged by hand), DOMAIN.md
 * "Rules a branch must follow": no collection contact of any kind from 22:00 to 08:00 (branch
 * time), and at most 3 calls and texts per borrower per (branch) day. The daily limit is a
 * branch setting no higher than the legal 3 (`maxContactsPerDay` in the planning rules).
 *
 * A contact the borrower initiated (direction 'inbound') is not the branch contacting them: it
 * never counts against the limit and may be out of hours. Recording one where an outbound
 * contact would be refused is the manager's, so the exemption cannot be used to pass a call
 * off as the borrower's; it is marked on the case and audited. Letters are posted, not
 * made at an hour, so neither rule applies to them. The engine is electron/core/cases/
 * contact-rules.ts; visit records keep their own checks (a record is saved with violations).
 */

/** Kinds the hours rule applies to (a letter is posted, not made at an hour). */
export const timedContactKinds = ['call', 'sms', 'visit'] as const;
/** Kinds counted against the daily limit ("phone contact": calls and texts). */
export const countedContactKinds = ['call', 'sms'] as const;

export const contactRuleCodes = ['CONTACT_OUT_OF_HOURS', 'CONTACT_DAILY_LIMIT'] as const;
export type ContactRuleCode = (typeof contactRuleCodes)[number];

export interface ContactViolation {
  code: ContactRuleCode;
  message: { zh: string; en: string };
  params: Record<string, string | number>;
}

const templates: Record<ContactRuleCode, { zh: string; en: string }> = {
  CONTACT_OUT_OF_HOURS: {
    zh: `{date} {time} 在 ${LEGAL_LATEST}–${LEGAL_EARLIEST} 之间（网点时间），此时段不得联系借款人`,
    en: `{date} {time} is between ${LEGAL_LATEST} and ${LEGAL_EARLIEST} (branch time), when no collection contact may be made`,
  },
  CONTACT_DAILY_LIMIT: {
    zh: '该案件 {date} 已有 {count} 次电话或短信联系，每位借款人每天最多 {max} 次',
    en: 'This case already has {count} calls or texts on {date}; at most {max} per borrower a day',
  },
};

export function contactViolation(
  code: ContactRuleCode,
  params: Record<string, string | number>,
): ContactViolation {
  return { code, params, message: fillMessage(templates[code], params) };
}

/** Added to a refusal when the contact was marked borrower-initiated by someone else. */
export const borrowerInitiatedByManager = {
  zh: '借款人主动联系的，在此时可由经理登记（不计入次数，会标记并记入审计日志）',
  en: 'A contact the borrower initiated at this time is recorded by a manager (not counted, but marked and audited)',
};
