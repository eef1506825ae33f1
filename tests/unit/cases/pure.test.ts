import { describe, expect, it } from 'vitest';
import { bucketOf, daysPastDue, delinquency } from '../../../electron/shared/delinquency';
import { addDays } from '../../../electron/shared/dates';
import {
  ageOn,
  checkResidentId,
  isValidMobile,
  normaliseMobile,
  residentIdCheckChar,
} from '../../../electron/shared/idcard';
import { maskPhone, maskResidentId } from '../../../electron/shared/mask';

describe('resident ID (GB 11643-1999)', () => {
  // Check characters worked out by hand from the standard's weights, independently of the code.
  it.each([
    ['11010519491231002X', '1949-12-31', 'F'], // the standard's own example, X check character
    ['11010519491231002x', '1949-12-31', 'F'], // lower-case x is accepted and normalised
    ['440524188001010014', '1880-01-01', 'M'], // the standard's second example
    ['110105199003071239', '1990-03-07', 'M'],
    ['320583198511204419', '1985-11-20', 'M'],
    ['110101200002290018', '2000-02-29', 'M'], // a real leap day
  ] as const)('accepts %s, born %s, sex %s', (id, birthDate, sex) => {
    const result = checkResidentId(id);
    expect(result).toEqual({
      ok: true,
      facts: { idNumber: id.toUpperCase(), birthDate, sex, divisionCode: id.slice(0, 6) },
    });
  });

  it.each([
    ['110105194912310021', 'checkDigit'], // X replaced by 1
    ['110105199003071238', 'checkDigit'], // 9 replaced by 8
    ['110105199902301237', 'birthDate'], // 1999-02-30 does not exist (check char otherwise right)
    ['110101190002290012', 'birthDate'], // 1900 was not a leap year
    ['11010519900307123', 'format'], // 17 characters
    ['1101051990030712399', 'format'], // 19 characters
    ['11010519900307123Y', 'format'],
    ['', 'format'],
  ] as const)('rejects %s (%s)', (id, problem) => {
    expect(checkResidentId(id)).toEqual({ ok: false, problem });
  });

  it('rejects a birth date after today', () => {
    const id = '11010520300101001' + residentIdCheckChar('11010520300101001');
    expect(checkResidentId(id, '2026-11-29')).toEqual({ ok: false, problem: 'birthDate' });
    expect(checkResidentId(id).ok).toBe(true);
  });

  it('computes age on a date', () => {
    expect(ageOn('1960-06-15', '2026-06-14')).toBe(65);
    expect(ageOn('1960-06-15', '2026-06-15')).toBe(66);
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13812345678', true],
    ['19912345678', true],
    ['+86 138 1234 5678', true],
    ['12812345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['0571-88888888', false],
  ] as const)('%s valid: %s', (raw, valid) => {
    expect(isValidMobile(raw)).toBe(valid);
  });

  it('normalises a +86 prefix and spaces', () => {
    expect(normaliseMobile('+86 138-1234-5678')).toBe('13812345678');
  });
});

describe('masking', () => {
  it.each([
    ['110105199003071239', '110105********1239'],
    ['11010519491231002X', '110105********002X'],
  ])('masks the resident ID %s', (id, masked) => {
    expect(maskResidentId(id)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['057188886666', '057*****6666'],
    ['12345', '*2345'],
    ['1234', '****'],
  ])('masks the phone %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe('days past due and buckets', () => {
  const asOf = '2026-10-31';
  it.each([
    [0, 'M0'],
    [1, 'M1'],
    [30, 'M1'],
    [31, 'M2'],
    [60, 'M2'],
    [61, 'M3'],
    [90, 'M3'],
    [91, 'M4+'],
    [400, 'M4+'],
  ] as const)('%i days past due is %s', (days, bucket) => {
    const since = addDays(asOf, -days);
    expect(delinquency(since, asOf)).toEqual({ dpd: days, bucket });
    expect(bucketOf(days)).toBe(bucket);
  });

  it('counts across month ends and leap days', () => {
    expect(daysPastDue('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysPastDue('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysPastDue('2025-12-31', '2026-01-01')).toBe(1);
  });

  it('treats no overdue date, or one in the future, as current', () => {
    expect(delinquency(null, asOf)).toEqual({ dpd: 0, bucket: 'M0' });
    expect(delinquency('2026-11-05', asOf)).toEqual({ dpd: 0, bucket: 'M0' });
  });
});
