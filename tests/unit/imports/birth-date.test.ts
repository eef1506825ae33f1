import { describe, expect, it } from 'vitest';
import { importCaseFile } from '../support/import-file';
import { parseResidentId } from '../../../electron/core/imports/values';
import { checkResidentId, isPlausibleBirthDate } from '../../../electron/shared/idcard';
import { createBorrowerInputOn, residentIdOn } from '../../../electron/shared/schemas/cases';
import { issuesToFields } from '../../../electron/shared/validation';
import { expectError, expectOk, signedInCore } from '../support/core';
import { b64, caseRow, csvText, residentId, utf8 } from './fixtures';

// The branch's day in these tests: 15 June 2026.
const TODAY = '2026-06-15';
// 00:30 on 15 June in Shanghai is still 14 June in UTC: the branch's day decides.
const NOW = '2026-06-14T16:30:00Z';

const born = (yyyymmdd: string) => residentId(`110105${yyyymmdd}002`);
const bornToday = born('20260615');
const bornTomorrow = born('20260616');
// 120 on 2026-06-15 (121 tomorrow), and 121 on 2026-06-15.
const aged120 = born('19050616');
const aged121 = born('19050615');

describe('one birth-date check for imports and the case form', () => {
  it('accepts someone born today and refuses someone born tomorrow', () => {
    expect(checkResidentId(bornToday, TODAY)).toMatchObject({
      ok: true,
      facts: { birthDate: '2026-06-15' },
    });
    expect(checkResidentId(bornTomorrow, TODAY)).toEqual({ ok: false, problem: 'birthDate' });
  });

  it('accepts 120 years old and refuses 121: no living borrower is older', () => {
    expect(isPlausibleBirthDate('1905-06-16', TODAY)).toBe(true);
    expect(isPlausibleBirthDate('1905-06-15', TODAY)).toBe(false);
    expect(checkResidentId(aged120, TODAY).ok).toBe(true);
    expect(checkResidentId(aged121, TODAY)).toEqual({ ok: false, problem: 'birthDate' });
    // The standard's own 1880 example is a valid number, but not a borrower's today.
    expect(checkResidentId('440524188001010014').ok).toBe(true);
    expect(checkResidentId('440524188001010014', TODAY).ok).toBe(false);
  });

  it('the case form schema refuses what the import refuses, on the same day', () => {
    const form = createBorrowerInputOn(TODAY);
    const refused = form.safeParse({ name: '张三', idNumber: bornTomorrow });
    expect(refused.success || issuesToFields(refused.error)).toEqual({ idNumber: 'v.idNumber' });
    const old = form.safeParse({ name: '张三', idNumber: aged121 });
    expect(old.success || issuesToFields(old.error)).toEqual({ idNumber: 'v.idNumber' });
    expect(form.safeParse({ name: '张三', idNumber: bornToday }).success).toBe(true);
    expect(residentIdOn(TODAY).safeParse(aged120).success).toBe(true);
    // Roster files read IDs with the same parser.
    expect(parseResidentId(bornTomorrow, TODAY)).toEqual({
      ok: false,
      reason: 'v.import.idBirthDate',
    });
    expect(parseResidentId(bornToday, TODAY)).toEqual({ ok: true, value: bornToday });
  });

  it('an import refuses the rows the case form would, saying it is the birth date', async () => {
    const { app } = await signedInCore();
    const result = await importCaseFile(app.db, {
      fileName: 'cases.csv',
      bytes: utf8(
        csvText([
          caseRow(1, { id_number: bornToday }),
          caseRow(2, { id_number: bornTomorrow }),
          caseRow(3, { id_number: aged120 }),
          caseRow(4, { id_number: aged121 }),
          // An impossible day (30 February) stays a plain bad ID.
          caseRow(5, { id_number: born('19900230') }),
        ]),
      ),
      mode: 'valid-only',
      asOf: TODAY,
      today: TODAY,
      staffId: 1,
    });
    expect(result).toMatchObject({ inserted: 2, rejected: 3 });
    expect(result.errors).toEqual([
      { line: 3, column: '身份证号', reason: 'v.import.idBirthDate' },
      { line: 5, column: '身份证号', reason: 'v.import.idBirthDate' },
      { line: 6, column: '身份证号', reason: 'v.idNumber' },
    ]);
  });

  it('through the channels, both use the branch’s day, not the computer’s UTC day', async () => {
    const core = await signedInCore({ now: () => new Date(NOW) });
    const preview = expectOk(
      await core.invoke('imports:preview', {
        fileName: 'cases.csv',
        contentBase64: b64(
          utf8(
            csvText([
              caseRow(1, { id_number: bornToday }),
              caseRow(2, { id_number: bornTomorrow }),
            ]),
          ),
        ),
      }),
    );
    expect(preview.problems).toEqual([
      { line: 3, column: '身份证号', reason: 'v.import.idBirthDate' },
    ]);
    expectOk(await core.invoke('cases:create', { name: '今天出生', idNumber: bornToday }));
    const refused = expectError(
      await core.invoke('cases:create', { name: '明天出生', idNumber: bornTomorrow }),
      'VALIDATION',
    );
    expect(refused.fields).toEqual({ idNumber: 'v.idNumber' });
  });
});
