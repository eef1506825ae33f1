import { describe, expect, it } from 'vitest';
import { checkResidentId } from '../../../electron/shared/idcard';
import { addAssessmentInput, addContactEventInput } from '../../../electron/shared/schemas/cases';
import { importRunInput } from '../../../electron/shared/schemas/imports';
import { paymentReceiptData } from '../../../electron/shared/schemas/notices';
import { recordNoticeInput, targetsInput } from '../../../electron/shared/schemas/planning';
import { leaveInput } from '../../../electron/shared/schemas/staff';
import { summaryInput } from '../../../electron/shared/schemas/reports';
import {
  isoDate,
  isoDateTime,
  isoMonth,
  issuesToFields,
  localDateTime,
} from '../../../electron/shared/validation';
import type { z } from 'zod';

/** The message key a schema gives `value`, or 'ok'. */
function verdict(schema: z.ZodType, value: unknown): string {
  const parsed = schema.safeParse(value);
  return parsed.success ? 'ok' : parsed.error.issues[0]!.message;
}

describe('isoDate: a real day from 2000-01-01 to 2099-12-31', () => {
  it.each([
    ['2024-02-29', 'ok'], // a leap day
    ['2000-02-29', 'ok'], // 2000 is a leap year (divisible by 400)
    ['2000-01-01', 'ok'],
    ['2099-12-31', 'ok'],
    ['2026-04-30', 'ok'],
    ['2026-02-29', 'v.dateReal'],
    ['2026-02-30', 'v.dateReal'],
    ['2026-04-31', 'v.dateReal'],
    ['2026-13-01', 'v.dateReal'],
    ['2026-00-10', 'v.dateReal'],
    ['2026-01-00', 'v.dateReal'],
    ['1999-12-31', 'v.dateRange'],
    ['2100-01-01', 'v.dateRange'],
    ['9999-12-31', 'v.dateRange'],
    ['2026-1-01', 'v.date'],
    ['2026/01/01', 'v.date'],
    ['+010000-01-01', 'v.date'],
    ['2026-01-01T00:00', 'v.date'],
    ['', 'v.date'],
  ])('%s → %s', (value, expected) => expect(verdict(isoDate, value)).toBe(expected));
});

describe('isoMonth: YYYY-MM from 2000-01 to 2099-12', () => {
  it.each([
    ['2000-01', 'ok'],
    ['2099-12', 'ok'],
    ['2026-02', 'ok'],
    ['1999-12', 'v.monthRange'],
    ['2100-01', 'v.monthRange'],
    ['9999-12', 'v.monthRange'],
    ['2026-13', 'v.month'],
    ['2026-00', 'v.month'],
    ['2026-1', 'v.month'],
    ['10000-01', 'v.month'],
  ])('%s → %s', (value, expected) => expect(verdict(isoMonth, value)).toBe(expected));
});

describe('date-times', () => {
  it.each([
    ['2026-03-01T09:30:00+08:00', 'ok'],
    ['2099-12-31T23:59:59Z', 'ok'],
    ['2024-02-29T10:00:00Z', 'ok'],
    ['2026-02-29T10:00:00Z', 'v.dateTime'],
    ['2026-02-30T10:00:00+08:00', 'v.dateTime'],
    ['2100-01-01T00:00:00Z', 'v.dateRange'],
    ['1999-12-31T23:59:59Z', 'v.dateRange'],
    ['2026-03-01 09:30', 'v.dateTime'],
  ])('an instant %s → %s', (value, expected) => expect(verdict(isoDateTime, value)).toBe(expected));

  it.each([
    ['2026-03-01T09:30', 'ok'],
    ['2000-01-01T00:00', 'ok'],
    ['2026-02-30T09:30', 'v.dateReal'],
    ['2100-01-01T09:30', 'v.dateRange'],
    ['2026-03-01T24:00', 'v.date'],
    ['2026-03-01', 'v.date'],
  ])('a local time %s → %s', (value, expected) =>
    expect(verdict(localDateTime, value)).toBe(expected),
  );
});

describe('the schemas at the boundary use them', () => {
  it('reports and targets refuse a month outside the range under the field month', () => {
    for (const schema of [summaryInput, targetsInput]) {
      const parsed = schema.safeParse({ month: '9999-12' });
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(issuesToFields(parsed.error)).toEqual({ month: 'v.monthRange' });
      expect(schema.safeParse({ month: '2099-12' }).success).toBe(true);
    }
  });

  it('refuses 2026-02-30 in an assessment, a leave period, an import and a receipt', () => {
    const assessment = addAssessmentInput.safeParse({ borrowerId: 1, assessedOn: '2026-02-30' });
    expect(assessment.success || issuesToFields(assessment.error)).toMatchObject({
      assessedOn: 'v.dateReal',
    });
    const leave = leaveInput.safeParse({ staffId: 1, from: '2026-02-27', to: '2026-02-30' });
    expect(leave.success || issuesToFields(leave.error)).toMatchObject({ to: 'v.dateReal' });
    const run = importRunInput.safeParse({
      fileName: 'a.csv',
      contentBase64: 'YQ==',
      asOf: '2026-02-30',
    });
    expect(run.success || issuesToFields(run.error)).toMatchObject({ asOf: 'v.dateReal' });
    const receipt = paymentReceiptData.shape.paidAt.safeParse('2026-02-30T10:00');
    expect(receipt.success || receipt.error.issues[0]!.message).toBe('v.dateReal');
  });

  it('refuses a contact or a notice dated in the next century', () => {
    const contact = addContactEventInput.safeParse({
      borrowerId: 1,
      at: '2100-01-01T10:00:00+08:00',
      kind: 'call',
      outcome: 'no_answer',
    });
    expect(contact.success || issuesToFields(contact.error)).toMatchObject({ at: 'v.dateRange' });
    const notice = recordNoticeInput.safeParse({
      id: 1,
      status: 'printed',
      at: '2126-03-01T10:00:00Z',
    });
    expect(notice.success || issuesToFields(notice.error)).toEqual({ at: 'v.dateRange' });
  });

  it('leaves birth dates in resident IDs to their own rule: born in 1949 is fine', () => {
    expect(checkResidentId('11010519491231002X')).toMatchObject({
      ok: true,
      facts: { birthDate: '1949-12-31' },
    });
  });
});
