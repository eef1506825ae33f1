import { describe, expect, it } from 'vitest';
import { upsertBorrowerAndLoan, type CaseUpsertRow } from '../../../electron/core/cases/upsert';
import { matchExpression } from '../../../electron/core/cases/search';
import { expectOk } from '../support/core';
import { casesCore, createCase, residentId, type Core } from './support';

async function names(core: Core, search: string): Promise<string[]> {
  const out = expectOk(await core.invoke('cases:list', { search, sort: 'name', direction: 'asc' }));
  expect(out.total).toBe(out.rows.length);
  return out.rows.map((r) => r.name);
}

function loanRow(over: Partial<CaseUpsertRow>): CaseUpsertRow {
  return {
    name: '赵六',
    idNumber: residentId('1970-03-03', 51),
    mobile: null,
    province: '',
    city: '',
    county: '',
    township: '高湖镇',
    village: '高湖村',
    address: '',
    loanNo: 'QT2026-000123',
    product: '农户小额信用贷款',
    principalFen: 5_000_000,
    disbursedOn: '2025-06-01',
    maturityOn: '2027-06-01',
    outstandingPrincipalFen: 4_000_000,
    overduePrincipalFen: 200_000,
    overdueInterestFen: 10_000,
    penaltyFen: 1_000,
    overdueSince: '2026-10-01',
    officer: null,
    ...over,
  };
}

async function branch() {
  const core = await casesCore();
  await createCase(core, {
    name: '张三',
    idNumber: residentId('1980-05-17', 131),
    mobile: '13812345678',
  });
  await createCase(core, {
    name: '张伟明',
    idNumber: residentId('1981-06-18', 133),
    mobile: '13900001111',
    village: '五星村',
  });
  await createCase(core, {
    name: '王张',
    idNumber: residentId('1982-07-19', 135),
    mobile: null,
    village: '五星村',
  });
  await createCase(core, {
    name: '李四',
    idNumber: residentId('1983-08-20', 137),
    mobile: '15600002222',
    township: '船寮镇',
    village: '大路村',
  });
  await createCase(core, {
    name: '欧阳娜娜',
    idNumber: residentId('1990-01-02', 240),
    mobile: null,
  });
  core.app.db.transaction(() =>
    upsertBorrowerAndLoan(core.app.db, loanRow({}), '2026-11-28', null),
  )();
  return core;
}

describe('case search', () => {
  it('finds a two-character name, and only names containing it', async () => {
    const core = await branch();
    expect(await names(core, '张三')).toEqual(['张三']);
  });

  it('finds a one-character surname anywhere in the name', async () => {
    const core = await branch();
    expect(await names(core, '张')).toEqual(['王张', '张三', '张伟明']);
  });

  it('finds by pinyin initials and full spelling', async () => {
    const core = await branch();
    expect(await names(core, 'zs')).toEqual(['张三']);
    expect(await names(core, 'zhangsan')).toEqual(['张三']);
    expect(await names(core, 'ZhangSan')).toEqual(['张三']);
    expect(await names(core, 'zhang')).toEqual(['张三', '张伟明']);
    expect(await names(core, 'zwm')).toEqual(['张伟明']);
    expect(await names(core, 'oynn')).toEqual(['欧阳娜娜']);
  });

  it('finds by the tail of the resident ID and by a full ID', async () => {
    const core = await branch();
    const id = residentId('1983-08-20', 137);
    expect(await names(core, id.slice(-4))).toEqual(['李四']);
    expect(await names(core, id.slice(-6))).toEqual(['李四']);
    expect(await names(core, id)).toEqual(['李四']);
    expect(await names(core, id.toLowerCase())).toEqual(['李四']);
  });

  it('finds by phone, whole or by its tail', async () => {
    const core = await branch();
    expect(await names(core, '13900001111')).toEqual(['张伟明']);
    expect(await names(core, '1111')).toEqual(['张伟明']);
    expect(await names(core, '1390000')).toEqual(['张伟明']);
  });

  it('finds by loan number, whole, by prefix or by its tail', async () => {
    const core = await branch();
    expect(await names(core, 'QT2026-000123')).toEqual(['赵六']);
    expect(await names(core, 'qt2026')).toEqual(['赵六']);
    expect(await names(core, '000123')).toEqual(['赵六']);
  });

  it('finds by village and township', async () => {
    const core = await branch();
    expect(await names(core, '五星村')).toEqual(['王张', '张伟明']);
    expect(await names(core, '五星')).toEqual(['王张', '张伟明']);
    expect(await names(core, '船寮')).toEqual(['李四']);
  });

  it('combines words with AND', async () => {
    const core = await branch();
    expect(await names(core, '张 五星')).toEqual(['王张', '张伟明']);
    expect(await names(core, 'zhang 五星')).toEqual(['张伟明']);
  });

  it('follows edits: a renamed borrower is found by the new name only', async () => {
    const core = await branch();
    const [row] = expectOk(await core.invoke('cases:list', { search: '李四' })).rows;
    expectOk(
      await core.invoke('cases:update', {
        id: row!.id,
        name: '李思',
        township: '船寮镇',
        village: '大路村',
      }),
    );
    expect(await names(core, '李四')).toEqual([]);
    expect(await names(core, '李思')).toEqual(['李思']);
    expect(await names(core, 'ls')).toEqual(['李思']);
  });

  it('does not apply a search too short to be selective, and says so', async () => {
    const core = await branch();
    for (const search of ['z', '12', '331', '-']) {
      const out = expectOk(await core.invoke('cases:list', { search }));
      expect(out.searchTooShort, search).toBe(true);
      expect(out.total, search).toBe(6);
    }
    const applied = expectOk(await core.invoke('cases:list', { search: '张' }));
    expect(applied.searchTooShort).toBe(false);
  });

  it('searches a resident ID from the front only through its birth date', () => {
    expect(matchExpression('33112119')).toBe(
      '(tails : "91121133"* OR loans : "33112119"* OR phones : "33112119"*)',
    );
    expect(matchExpression('33112119800517')).toContain('ids : "33112119800517"*');
  });

  it('never passes FTS5 syntax through', () => {
    // Punctuation is dropped inside a word; single letters are too short to search.
    expect(matchExpression('NEAR(a b) OR "x"')).toBe(
      '({pinyin loans} : "neara"*) AND ({pinyin loans} : "or"*)',
    );
    expect(matchExpression('***')).toBeNull();
  });
});
