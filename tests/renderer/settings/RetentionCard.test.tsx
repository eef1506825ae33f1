import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RetentionCard } from '../../../renderer/src/features/settings/RetentionCard';
import { asRole } from '../support';
import { fakeBridge, renderScreen } from '../support';

const candidate = (borrowerId: number, plainAuditRows: number) => ({
  borrowerId,
  closedAt: '2018-01-01T00:00:00.000Z',
  loans: 1,
  plainAuditRows,
});

describe('retention card', () => {
  it('previews, then says before anonymising what stays readable and what backups keep', async () => {
    const { calls } = fakeBridge({
      'retention:preview': () => ({
        ok: true,
        data: {
          cutoff: '2021-11-29T00:00:00.000Z',
          candidates: [candidate(7, 2), candidate(9, 1)],
        },
      }),
      'retention:anonymise': () => ({ ok: true, data: { anonymised: 2, plainAuditRows: 3 } }),
    });
    const user = userEvent.setup();
    renderScreen(asRole('manager', <RetentionCard />));
    await user.click(screen.getByRole('button', { name: '预览' }));
    expect(await screen.findByTestId('retention-preview')).toHaveTextContent(
      '2021-11-29 之前结案的案件共 2 件',
    );
    await user.click(screen.getByRole('button', { name: '匿名化' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/无法再读取/)).toBeInTheDocument();
    expect(within(dialog).getByTestId('retention-plain-audit')).toHaveTextContent(
      '另有 3 条审计记录',
    );
    expect(within(dialog).getByText(/备份文件仍含原数据/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '匿名化' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.channel === 'retention:anonymise')).toEqual([
        { channel: 'retention:anonymise', input: { years: 5, borrowerIds: [7, 9] } },
      ]),
    );
  });

  it('does not mention older audit rows when there are none', async () => {
    fakeBridge({
      'retention:preview': () => ({
        ok: true,
        data: { cutoff: '2021-11-29T00:00:00.000Z', candidates: [candidate(7, 0)] },
      }),
    });
    const user = userEvent.setup();
    renderScreen(asRole('manager', <RetentionCard />));
    await user.click(screen.getByRole('button', { name: '预览' }));
    await screen.findByTestId('retention-preview');
    await user.click(screen.getByRole('button', { name: '匿名化' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).queryByTestId('retention-plain-audit')).not.toBeInTheDocument();
  });
});
