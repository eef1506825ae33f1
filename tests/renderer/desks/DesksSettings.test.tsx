import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DataLocation, DeskView } from '../../../electron/shared/schemas/desks';
import { DataLocationCard } from '../../../renderer/src/features/desks/DataLocationCard';
import { DesksCard } from '../../../renderer/src/features/desks/DesksCard';
import { asRole, fakeBridge, renderScreen } from '../support';

const MANAGER = { staffId: 1, username: 'admin', name: '王建国', staffNo: 'M001' };
const fingerprint =
  '3F:A1:07:9C:E2:5B:44:D0:18:6A:BF:92:C3:7E:01:58:9D:2C:E6:74:A0:3B:F1:85:56:C9:0E:B7:42:1D:68:FA';
const onServer: DataLocation = {
  kind: 'branchServer',
  address: 'https://192.168.1.20:8443',
  // As main keeps it: the pin without colons.
  fingerprint: fingerprint.replaceAll(':', ''),
  deskId: '11111111-1111-4111-8111-111111111111',
  deskName: '经理室',
};
const thisPc: DataLocation = { kind: 'thisPc' };

const desk = (id: string, name: string, more: Partial<DeskView> = {}): DeskView => ({
  id,
  name,
  enrolledAt: '2026-03-02T01:15:00.000Z',
  codeBy: '王建国',
  revokedAt: null,
  revokedBy: null,
  ...more,
});
const counter2 = desk('22222222-2222-4222-8222-222222222222', '柜台二号机');
const counter3 = desk('33333333-3333-4333-8333-333333333333', '柜台三号机', {
  enrolledAt: '2026-03-02T23:30:00.000Z',
});
const oldPc = desk('44444444-4444-4444-8444-444444444444', '旧电脑', {
  revokedAt: '2026-03-03T06:40:00.000Z',
  revokedBy: '李秀兰',
});
const managersDesk = desk(onServer.deskId, '经理室', { enrolledAt: '2026-03-01T08:00:00.000Z' });

// The screens show times in the branch's zone, which on the branch's PCs is the PC's own.
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});
afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(name) });

describe('settings: where the data lives', () => {
  it('says the data is on this PC', async () => {
    fakeBridge({ 'desks:location': () => ({ ok: true, data: thisPc }) });
    renderScreen(asRole('officer', <DataLocationCard />));
    expect(await screen.findByText('此电脑：数据加密保存在本机的数据库中。')).toBeVisible();
    expect(screen.queryByTestId('fingerprint')).toBeNull();
  });

  it('names the branch server, its fingerprint in four lines of eight, and this desk', async () => {
    fakeBridge({ 'desks:location': () => ({ ok: true, data: onServer }) });
    renderScreen(asRole('officer', <DataLocationCard />));
    expect(await screen.findByText('https://192.168.1.20:8443')).toBeVisible();
    const lines = [...screen.getByTestId('fingerprint').children].map((l) => l.textContent);
    expect(lines).toEqual([
      '3F:A1:07:9C:E2:5B:44:D0',
      '18:6A:BF:92:C3:7E:01:58',
      '9D:2C:E6:74:A0:3B:F1:85',
      '56:C9:0E:B7:42:1D:68:FA',
    ]);
    expect(screen.getByText('经理室')).toBeVisible();
    expect(screen.getByText(/^支行服务器：此电脑不保存数据/)).toBeVisible();
  });

  it('speaks English when the screen is in English', async () => {
    await act(() => i18next.changeLanguage('en'));
    fakeBridge({ 'desks:location': () => ({ ok: true, data: onServer }) });
    renderScreen(asRole('officer', <DataLocationCard />));
    // The card's title is there before the location is read: wait for what the answer shows.
    expect(await screen.findByText('This PC’s enrolled name')).toBeVisible();
    expect(screen.getByText('Where the data lives')).toBeVisible();
  });
});

describe('settings: the manager’s desks', () => {
  it('is not shown to a role that may not list desks, and asks nothing', async () => {
    const { calls } = fakeBridge({});
    renderScreen(asRole('officer', <DesksCard />));
    await act(async () => {});
    expect(screen.queryByText('电脑登记')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('lists the desks with when, whose code, and who revoked one when; this desk marked', async () => {
    fakeBridge({
      'desks:list': () => ({ ok: true, data: [counter3, counter2, oldPc, managersDesk] }),
      'desks:location': () => ({ ok: true, data: onServer }),
    });
    renderScreen(asRole('manager', <DesksCard />, MANAGER));
    await screen.findByRole('table', { name: '电脑登记' });
    // 01:15 UTC is 09:15 in Shanghai; 23:30 UTC on the 2nd is 07:30 on the 3rd.
    expect(within(rowOf('柜台二号机')).getByText('2026-03-02 09:15')).toBeVisible();
    expect(within(rowOf('柜台三号机')).getByText('2026-03-03 07:30')).toBeVisible();
    expect(within(rowOf('柜台二号机')).getByText('王建国')).toBeVisible();
    expect(within(rowOf('柜台二号机')).getByText('使用中')).toBeVisible();
    expect(within(rowOf('旧电脑')).getByText('2026-03-03 14:40 由李秀兰撤销')).toBeVisible();
    expect(within(rowOf('旧电脑')).queryByRole('button', { name: '撤销' })).toBeNull();
    await waitFor(() => expect(within(rowOf('经理室')).getByText('此电脑')).toBeVisible());
    expect(within(rowOf('经理室')).queryByRole('button', { name: '撤销' })).toBeNull();
    expect(within(rowOf('柜台二号机')).getByRole('button', { name: '撤销' })).toBeEnabled();
  });

  it('says when no desk is enrolled yet', async () => {
    fakeBridge({
      'desks:list': () => ({ ok: true, data: [] }),
      'desks:location': () => ({ ok: true, data: thisPc }),
    });
    renderScreen(asRole('manager', <DesksCard />, MANAGER));
    expect(await screen.findByText(/^尚无电脑登记/)).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('makes a code and shows it once, large, with its expiry and the fingerprint to read out', async () => {
    const { calls } = fakeBridge({
      'desks:list': () => ({ ok: true, data: [managersDesk] }),
      'desks:location': () => ({ ok: true, data: onServer }),
      'desks:createCode': () => ({
        ok: true,
        data: { code: '7K3M-Q9TX-2HBD', expiresAt: '2026-03-02T02:15:00.000Z' },
      }),
    });
    const user = userEvent.setup();
    renderScreen(asRole('manager', <DesksCard />, MANAGER));
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: '生成登记码' }));
    const dialog = await screen.findByRole('dialog', { name: '登记码' });
    expect(within(dialog).getByTestId('enrolment-code')).toHaveTextContent('7K3M-Q9TX-2HBD');
    expect(
      within(dialog).getByText('此码只显示一次，只能使用一次，2026-03-02 10:15 前有效。'),
    ).toBeVisible();
    expect(within(dialog).getByTestId('fingerprint').firstChild).toHaveTextContent(
      '3F:A1:07:9C:E2:5B:44:D0',
    );
    expect(calls.filter((c) => c.channel === 'desks:createCode')).toEqual([
      { channel: 'desks:createCode', input: {} },
    ]);
    await user.click(within(dialog).getByRole('button', { name: '已记下' }));
    await waitFor(() => expect(screen.queryByTestId('enrolment-code')).toBeNull());
  });

  it('on this PC’s own database, the code’s note points at the fingerprint the server showed', async () => {
    fakeBridge({
      'desks:list': () => ({ ok: true, data: [] }),
      'desks:location': () => ({ ok: true, data: thisPc }),
      'desks:createCode': () => ({
        ok: true,
        data: { code: '7K3M-Q9TX-2HBD', expiresAt: '2026-03-02T02:15:00.000Z' },
      }),
    });
    const user = userEvent.setup();
    renderScreen(asRole('manager', <DesksCard />, MANAGER));
    await screen.findByText(/^尚无电脑登记/);
    await user.click(screen.getByRole('button', { name: '生成登记码' }));
    const dialog = await screen.findByRole('dialog', { name: '登记码' });
    expect(within(dialog).getByText(/支行服务器启动时显示的证书指纹/)).toBeVisible();
    expect(within(dialog).queryByTestId('fingerprint')).toBeNull();
  });

  it('revokes a desk only after asking, then reads the list again', async () => {
    let desks = [counter2, managersDesk];
    const revokedNow = { ...counter2, revokedAt: '2026-03-02T03:00:00.000Z', revokedBy: '王建国' };
    const { calls } = fakeBridge({
      'desks:list': () => ({ ok: true, data: desks }),
      'desks:location': () => ({ ok: true, data: onServer }),
      'desks:revoke': () => {
        desks = [revokedNow, managersDesk];
        return { ok: true, data: revokedNow };
      },
    });
    const user = userEvent.setup();
    renderScreen(asRole('manager', <DesksCard />, MANAGER));
    await screen.findByRole('table');
    await user.click(within(rowOf('柜台二号机')).getByRole('button', { name: '撤销' }));
    let dialog = await screen.findByRole('dialog', { name: '撤销“柜台二号机”的登记？' });
    expect(within(dialog).getByText(/此电脑将立即断开/)).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.map((c) => c.channel)).not.toContain('desks:revoke');

    await user.click(within(rowOf('柜台二号机')).getByRole('button', { name: '撤销' }));
    dialog = await screen.findByRole('dialog', { name: '撤销“柜台二号机”的登记？' });
    await user.click(within(dialog).getByRole('button', { name: '撤销' }));
    expect(await screen.findByRole('status')).toHaveTextContent('已撤销“柜台二号机”的登记');
    expect(
      await within(rowOf('柜台二号机')).findByText('2026-03-02 11:00 由王建国撤销'),
    ).toBeVisible();
    expect(calls.filter((c) => c.channel === 'desks:revoke')).toEqual([
      { channel: 'desks:revoke', input: { deskId: counter2.id } },
    ]);
    expect(calls.filter((c) => c.channel === 'desks:list')).toHaveLength(2);
  });
});
