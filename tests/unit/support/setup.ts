import type { SetupInput } from '../../../electron/shared/schemas/foundation';

// The test branch and its manager, without vitest, so child-process scripts (bomb-run.ts) set up
// the same branch as the tests that start them.

/** Cheap scrypt for tests; production slots use OWASP's cost (tested once on its own). */
export const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };

export const MANAGER = { username: 'admin', passphrase: 'correct horse battery' };

export const setupPayload = (overrides: Partial<SetupInput['manager']> = {}): SetupInput => ({
  branch: {
    name: '青山农商银行石桥支行',
    code: 'QS001',
    address: '浙江省青山县石桥镇人民路 8 号',
    phone: '0571-88886666',
    complaintHotline: '0571-88889999',
    timeZone: 'Asia/Shanghai',
  },
  manager: {
    name: '王建国',
    staffNo: 'M001',
    username: MANAGER.username,
    passphrase: MANAGER.passphrase,
    confirm: MANAGER.passphrase,
    ...overrides,
  },
});
