import { newDesk, openDesk, serveForDesks, signInAtDesk } from '../support/desks';
import { expect, MANAGER, setUpBranch, shotFile, test } from '../support/fixtures';
import {
  certifiedOfficer,
  ok,
  planningDays,
  seedBorrower,
  staffAccount,
  type Invoke,
} from '../support/seed';

/**
 * Two desks of one branch on one branch server (issue 20), each a Chromium page bridged to a
 * desk of its own exactly as Electron main wires its window (remote/switch.ts), the server a
 * real core behind HTTPS on loopback. Desk A joins through the first screen with the code and
 * fingerprint the manager gave; desk B is the manager's. A visit planned at desk A appears on
 * desk B's open calendar without a reload; the manager revokes desk A and it is cut off.
 */

test('two desks on one branch server: joining, a visit seen live, a desk revoked', async ({
  browser,
  core,
  engine,
  rendererUrl,
}) => {
  test.setTimeout(180_000);
  // The server's branch: set up, two certified officers (one with an account), a borrower.
  await setUpBranch(core);
  const invoke: Invoke = core.invoke;
  const liMing = await certifiedOfficer(invoke, 'C001', '李明');
  const zhaoFang = await certifiedOfficer(invoke, 'C002', '赵芳');
  const officer = await staffAccount(core, 'C003', '孙丽', 'officer', 'sun.li');
  const borrower = await seedBorrower(core, 1, '周大福');
  const [day] = await planningDays(invoke);
  const served = await serveForDesks(core);
  const deskA = newDesk();
  const deskB = newDesk();
  try {
    // Desk A joins through its first screen.
    const a = await openDesk(browser, rendererUrl, deskA);
    const { code } = await ok(core.invoke('desks:createCode', {}));
    await a.getByRole('button', { name: '连接支行服务器' }).click();
    await a.getByLabel('服务器地址').fill(served.server.url);
    await a.getByLabel('登记码').fill(code);
    await a.getByLabel('证书指纹（SHA-256）').fill(served.fingerprint);
    await a.getByLabel('此电脑的名称').fill('柜台一号机');
    await a.screenshot({ path: shotFile(engine, 'desk-connect') });

    // Not enrolled: a code the manager never made is refused, the field to check marked, what
    // was typed kept, and the refusal audited with the address it came from.
    const codeField = a.getByLabel('登记码');
    await codeField.fill('ABCD-EFGH-JKMN');
    await a.getByRole('button', { name: '连接', exact: true }).click();
    const failure = a.getByTestId('connect-failure');
    await expect(failure).toHaveText('此电脑未在支行服务器登记，请向经理索取登记码');
    await expect(codeField).toHaveAttribute('aria-invalid', 'true');
    await expect(a.getByLabel('服务器地址')).toHaveValue(served.server.url);
    const refused = await ok(core.invoke('audit:list', { action: 'desks.enrolRefused' }));
    expect(refused.rows).toHaveLength(1);
    // A server whose certificate is not the one read out: nothing is sent to it.
    const wrongPrint = served.fingerprint.replace(/^[0-9A-F]/i, (c) => (c === '0' ? '1' : '0'));
    await codeField.fill(code);
    await a.getByLabel('证书指纹（SHA-256）').fill(wrongPrint);
    await a.getByRole('button', { name: '连接', exact: true }).click();
    await expect(
      a.getByText('服务器证书指纹与登记时的不符，已断开连接，未发送任何内容'),
    ).toBeVisible();
    await expect(a.getByLabel('证书指纹（SHA-256）')).toHaveAttribute('aria-invalid', 'true');
    expect(await ok(core.invoke('desks:list', {}))).toEqual([]);
    // The right fingerprint and the manager's code: joined.
    await a.getByLabel('证书指纹（SHA-256）').fill(served.fingerprint);
    await a.getByRole('button', { name: '连接', exact: true }).click();
    await signInAtDesk(a, officer);

    // Desk B, the manager's, joined the same way through its channel, on the calendar.
    const { code: second } = await ok(core.invoke('desks:createCode', {}));
    await ok(
      deskB.invoke('desks:connect', {
        address: served.server.url,
        fingerprint: served.fingerprint,
        code: second,
        name: '经理电脑',
      }),
    );
    const b = await openDesk(browser, rendererUrl, deskB);
    await signInAtDesk(b, MANAGER);
    await b.evaluate((d) => {
      window.location.hash = `#/calendar?view=timeGridWeek&date=${d}`;
    }, day);
    await expect(b.locator(`td.fc-timegrid-col[data-date="${day}"]`)).toBeVisible();
    await expect(b.locator('.fc-event')).toHaveCount(0);

    // Desk A plans a visit (as the officer, through its desk); desk B's calendar shows it.
    await ok(
      deskA.invoke('planning:planVisit', {
        borrowerId: borrower,
        staffIds: [liMing, zhaoFang],
        date: day,
        start: '09:00',
        end: '10:00',
        purpose: 'reminder',
      }),
    );
    await expect(b.locator('.fc-event')).toHaveCount(1);
    await expect(b.locator('.fc-event')).toContainText('周大福');

    // The manager sees both desks in Settings and revokes desk A; its next call is refused.
    await b.getByRole('navigation').getByText('设置').click();
    await expect(b.getByRole('cell', { name: '柜台一号机' })).toBeVisible();
    // The manager's own desk is marked as this PC; its name is also in the data-location card.
    await expect(b.getByRole('cell', { name: '经理电脑 此电脑' })).toBeVisible();
    // Key rotation is the server's to do: a desk's Settings offers no button for it.
    await expect(b.getByRole('button', { name: '更换数据库密钥' })).toHaveCount(0);
    await b.getByRole('cell', { name: '柜台一号机' }).scrollIntoViewIfNeeded();
    await b.screenshot({ path: shotFile(engine, 'desk-list') });
    // A code made on the screen is shown once, with what to read out.
    await b.getByRole('button', { name: '生成登记码' }).click();
    const dialog = b.getByRole('dialog');
    await expect(
      dialog.getByText(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
    ).toBeVisible();
    await b.screenshot({ path: shotFile(engine, 'desk-code') });
    await dialog.getByRole('button', { name: '已记下' }).click();
    await expect(b.getByRole('dialog')).toHaveCount(0);
    const deskAId = (
      (await ok(deskB.invoke('desks:list', {}))) as { id: string; name: string }[]
    ).find((d) => d.name === '柜台一号机')!.id;
    await ok(deskB.invoke('desks:revoke', { deskId: deskAId }));
    const cut = await deskA.invoke('cases:list', {});
    expect(cut).toMatchObject({ ok: false, error: { code: 'DESK_REVOKED' } });
  } finally {
    await deskA.dispose();
    await deskB.dispose();
    await served.close();
  }
});
