import { residentIdCheckChar } from '../../../electron/shared/idcard';
import type { CreateBorrowerInput } from '../../../electron/shared/schemas/cases';
import { expectOk, signedInCore } from '../support/core';

export type Core = Awaited<ReturnType<typeof signedInCore>>;

/** A valid resident ID for a birth date and a three-digit sequence (odd = male). */
export function residentId(birth: string, seq: number, division = '331121'): string {
  const first17 = `${division}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export function borrower(overrides: Partial<CreateBorrowerInput> = {}): CreateBorrowerInput {
  return {
    name: '张三',
    idNumber: residentId('1980-05-17', 131),
    mobile: '13812345678',
    province: '浙江省',
    city: '丽水市',
    county: '青田县',
    township: '东源镇',
    village: '红光村',
    ...overrides,
  };
}

export async function createCase(core: Core, overrides: Partial<CreateBorrowerInput> = {}) {
  return expectOk(await core.invoke('cases:create', borrower(overrides))).id;
}

/** A fixed clock: 2026-11-29 10:00 in China. */
export const NOW = new Date('2026-11-29T02:00:00.000Z');
export const TODAY = '2026-11-29';

export async function casesCore() {
  return signedInCore({ now: () => NOW });
}
