import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { UnknownOfficersCard } from '../../../renderer/src/features/cases/ImportOfficers';
import { fakeBridge, renderAs } from '../support';

const fileNames = [
  { name: '王　芳', column: '管户经理', rows: 2, firstLine: 2 },
  { name: '李勇', column: '管户经理', rows: 1, firstLine: 3 },
];
// 王芳 already waits from an earlier file (written without the padding); 老赵 from another.
const waiting = [
  { name: '王芳', cases: 5, unassigned: 5, fileName: 'a.csv', asOf: '2026-03-01' },
  { name: '老赵', cases: 1, unassigned: 0, fileName: 'b.csv', asOf: '2026-02-08' },
];
const officers = [
  { id: 3, staffNo: 'C003', name: '赵强', role: 'officer', cases: 12 },
  { id: 9, staffNo: 'K009', name: '钱柜', role: 'clerk', cases: 0 },
  { id: 1, staffNo: 'M001', name: '王建国', role: 'manager', cases: 4 },
];

const rowOf = (name: string) => screen.getByRole('cell', { name }).closest('tr') as HTMLElement;

describe('officer names not on the staff list, on the import screen', () => {
  it('lists the file’s names and those waiting from earlier files, merged by name', async () => {
    fakeBridge({ 'imports:waitingOfficers': () => ({ ok: true, data: waiting }) });
    renderAs('manager', <UnknownOfficersCard fileNames={fileNames} />);
    const table = await screen.findByRole('table', { name: '客户经理不在员工名单中' });
    await vi.waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(within(rowOf('王　芳')).getByText('2 行（首见第 2 行）')).toBeInTheDocument();
    expect(within(rowOf('王　芳')).getByRole('cell', { name: '5' })).toBeInTheDocument();
    expect(within(rowOf('李勇')).getByRole('cell', { name: '0' })).toBeInTheDocument();
    expect(within(rowOf('老赵')).getByRole('cell', { name: '—' })).toBeInTheDocument();
  });

  it('a clerk sees the names but not the actions', async () => {
    fakeBridge({ 'imports:waitingOfficers': () => ({ ok: true, data: [] }) });
    renderAs('clerk', <UnknownOfficersCard fileNames={fileNames} />);
    expect(await screen.findAllByText('请经理处理')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: '新建员工' })).not.toBeInTheDocument();
  });

  it('adds the officer with a staff number; a taken number is shown on its field', async () => {
    let taken = true;
    const { calls } = fakeBridge({
      'imports:waitingOfficers': () => ({ ok: true, data: [] }),
      'imports:resolveOfficer': () =>
        taken
          ? {
              ok: false,
              error: { code: 'CONFLICT', message: 'taken', fields: { staffNo: 'e.CONFLICT' } },
            }
          : {
              ok: true,
              data: {
                staffId: 12,
                staffNo: 'C101',
                staffName: '王芳',
                aliased: false,
                assigned: 2,
                kept: 0,
              },
            },
    });
    const onResolved = vi.fn();
    const user = userEvent.setup();
    renderAs('manager', <UnknownOfficersCard fileNames={fileNames} onResolved={onResolved} />);
    await screen.findByRole('table');
    await user.click(within(rowOf('王　芳')).getByRole('button', { name: '新建员工' }));
    const dialog = await screen.findByRole('dialog');
    // The name comes from the file, without the padding; the staff number is asked for.
    expect(within(dialog).getByLabelText(/^姓名/)).toHaveValue('王芳');
    await user.click(within(dialog).getByRole('button', { name: '新建并分配' }));
    expect(calls.filter((c) => c.channel === 'imports:resolveOfficer')).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^工号/), 'C001');
    await user.click(within(dialog).getByRole('button', { name: '新建并分配' }));
    await vi.waitFor(() =>
      expect(within(dialog).getByLabelText(/^工号/)).toHaveAccessibleDescription('记录已存在'),
    );

    taken = false;
    await user.clear(within(dialog).getByLabelText(/^工号/));
    await user.type(within(dialog).getByLabelText(/^工号/), 'C101');
    await user.click(within(dialog).getByRole('button', { name: '新建并分配' }));
    await vi.waitFor(() => expect(onResolved).toHaveBeenCalled());
    expect(calls.filter((c) => c.channel === 'imports:resolveOfficer').at(-1)?.input).toEqual({
      action: 'create',
      name: '王　芳',
      staff: { staffNo: 'C101', name: '王芳', role: 'officer', phone: '' },
    });
    expect(await screen.findByText(/^“王.芳”已对应到 王芳（C101），2 个案件已分配$/)).toBeVisible();
    expect(screen.queryByRole('cell', { name: '王　芳' })).not.toBeInTheDocument();
  });

  it('maps a name to an officer or manager (never a clerk) and says what was kept', async () => {
    const { calls } = fakeBridge({
      'imports:waitingOfficers': () => ({ ok: true, data: waiting }),
      'cases:officers': () => ({ ok: true, data: officers }),
      'imports:resolveOfficer': () => ({
        ok: true,
        data: {
          staffId: 3,
          staffNo: 'C003',
          staffName: '赵强',
          aliased: true,
          assigned: 0,
          kept: 1,
        },
      }),
    });
    const user = userEvent.setup();
    renderAs('manager', <UnknownOfficersCard fileNames={[]} />);
    await screen.findByRole('table');
    await user.click(within(rowOf('老赵')).getByRole('button', { name: '对应到现有员工' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '对应并分配' }));
    expect(await within(dialog).findByText('必填')).toBeInTheDocument();
    await user.click(within(dialog).getByLabelText('员工'));
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['赵强（C003）', '王建国（M001）']);
    await user.click(screen.getByRole('option', { name: '赵强（C003）' }));
    await user.click(within(dialog).getByRole('button', { name: '对应并分配' }));
    await vi.waitFor(() =>
      expect(calls.filter((c) => c.channel === 'imports:resolveOfficer')).toHaveLength(1),
    );
    expect(calls.find((c) => c.channel === 'imports:resolveOfficer')?.input).toEqual({
      action: 'map',
      name: '老赵',
      staffId: 3,
    });
    expect(
      await screen.findByText(
        '“老赵”已对应到 赵强（C003），0 个案件已分配；1 个案件导入后已改派，保持不变',
      ),
    ).toBeVisible();
  });

  it('shows nothing when no name waits', async () => {
    const { calls } = fakeBridge({ 'imports:waitingOfficers': () => ({ ok: true, data: [] }) });
    renderAs('manager', <UnknownOfficersCard fileNames={[]} />);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.queryByTestId('unknown-officers')).not.toBeInTheDocument();
  });
});
