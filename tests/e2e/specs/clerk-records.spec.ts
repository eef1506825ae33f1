import { expect, setUpAndSignIn, test } from '../support/fixtures';
import {
  addDays,
  importLoans,
  insertVisit,
  residentId,
  shanghaiToday,
  type ImportOptions,
  staffAccount,
} from '../support/seed';

/**
 * A clerk keys in the outcome of a visit two officers made yesterday (issue 17): the visit is
 * on the branch-wide list of visits awaiting results, the clerk records it, and the record keeps
 * the two officers as who went and the clerk as who entered it, in the record and the audit log.
 */

const xicun: ImportOptions = {
  village: '西村',
  loanPrefix: 'QS-CLK',
  idNumber: (seq) =>
    residentId(seq, { region: '331121', birthYear: 1972, birthDay: 11, serialFrom: 300 }),
};

test('a clerk records the outcome of a visit two officers made', async ({ app, core, shot }) => {
  await setUpAndSignIn(app, core);
  const today = shanghaiToday();
  const yesterday = addDays(today, -1);
  const li = await staffAccount(core, 'C101', '李明', 'officer', 'li.ming');
  const zhao = await staffAccount(core, 'C102', '赵磊', 'officer', 'zhao.lei');
  const clerk = await staffAccount(core, 'K001', '周敏', 'clerk', 'zhou.min');
  const [borrowerId] = (await importLoans(
    core,
    [{ seq: 1, name: '王大山', outstanding: '20000' }],
    addDays(today, -30),
    xicun,
  )) as [number];
  const visitId = await insertVisit(core, borrowerId, yesterday, [li.staffId, zhao.staffId], {
    village: '西村',
  });

  core.app.lock('signOut');
  await app.reload();
  await app.getByLabel('用户名').fill(clerk.username);
  await app.getByLabel('口令', { exact: true }).fill(clerk.passphrase);
  await app.getByRole('button', { name: '登录' }).click();
  await app.getByRole('navigation').getByText('走访').click();

  const awaiting = app.getByRole('region', { name: '全网点待记录结果' });
  const row = awaiting.getByRole('row', { name: /王大山/ });
  await expect(row).toContainText('李明（C101）、赵磊（C102）');
  await expect(awaiting.getByText(`${yesterday} · 1 次走访`)).toBeVisible();
  await shot('clerk-01-awaiting');
  await row.getByRole('link', { name: '记录结果' }).click();
  await expect(app.getByRole('heading', { name: '记录走访结果' })).toBeVisible();

  await app.getByLabel('借款人本人').check();
  await app.getByRole('combobox', { name: '走访结果' }).click();
  await app.getByRole('option', { name: '拒绝还款' }).click();
  await app.getByLabel('借款人原话').fill('等秋收以后再说。');
  await app.getByLabel('已出示工作证').check();
  await app.getByLabel('已告知借款人的权利（查验证件、拒绝入户、投诉渠道）').check();
  await app.getByLabel('未向第三人透露债务信息').check();
  await app.getByLabel('全程录音录像').check();
  await app.getByLabel('录音录像编号').fill(`REC-${yesterday}-09`);
  await app.getByRole('button', { name: '保存记录' }).click();
  await expect(app.getByRole('status').filter({ hasText: '已保存走访记录' })).toBeVisible();
  await expect(app.getByText(/周敏 代走访人员录入/)).toBeVisible();
  await shot('clerk-02-record-entered-for');

  const db = core.app.engine.db;
  const saved = await db
    .selectFrom('visit_records')
    .select(['id', 'recorded_by'])
    .where('visit_id', '=', visitId)
    .executeTakeFirstOrThrow();
  expect(saved.recorded_by).toBe(clerk.staffId);
  const went = await db
    .selectFrom('visit_record_staff')
    .select('staff_id')
    .where('record_id', '=', saved.id)
    .orderBy('staff_id')
    .execute();
  expect(went.map((w) => w.staff_id)).toEqual([li.staffId, zhao.staffId]);
  const audit = await db
    .selectFrom('audit_log')
    .select('staff_id')
    .where('action', '=', 'visit.record')
    .where('entity_id', '=', String(saved.id))
    .executeTakeFirstOrThrow();
  expect(audit.staff_id).toBe(clerk.staffId);

  // Off the list once recorded.
  await app.getByRole('navigation').getByText('走访').click();
  await expect(awaiting.getByText('没有待记录结果的走访')).toBeVisible();
});
