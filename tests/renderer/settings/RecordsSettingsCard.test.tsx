import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { RecordsSettingsCard } from '../../../renderer/src/features/settings/RecordsSettingsCard';
import { asRole } from '../support';
import { fakeBridge, renderScreen } from '../support';

const current = {
  'records:settings': () => ({ ok: true as const, data: { promiseGraceDays: 3 } }),
};

describe('promise-to-pay rules card', () => {
  it('shows the saved grace days with the help text, and saves a valid change', async () => {
    const { calls } = fakeBridge({
      ...current,
      'records:saveSettings': (input) => ({ ok: true, data: input }),
    });
    const user = userEvent.setup();
    renderScreen(asRole('manager', <RecordsSettingsCard />));
    const field = await screen.findByLabelText('到期后宽限天数');
    await waitFor(() => expect(field).toHaveValue(3));
    expect(screen.getByText(/银行转账通常需要一到两天到账/)).toBeInTheDocument();
    await user.clear(field);
    await user.type(field, '5');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.channel === 'records:saveSettings')).toEqual([
        { channel: 'records:saveSettings', input: { promiseGraceDays: 5 } },
      ]),
    );
    expect(await screen.findByText('已保存')).toBeInTheDocument();
  });

  it('refuses 32 days and an empty field before calling the core', async () => {
    const { calls } = fakeBridge(current);
    const user = userEvent.setup();
    renderScreen(asRole('manager', <RecordsSettingsCard />));
    const field = await screen.findByLabelText('到期后宽限天数');
    await waitFor(() => expect(field).toHaveValue(3));
    await user.clear(field);
    await user.type(field, '32');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('应为 0–31 天')).toBeInTheDocument();
    await user.clear(field);
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('应为 0–31 天')).toBeInTheDocument();
    expect(calls.filter((c) => c.channel === 'records:saveSettings')).toHaveLength(0);
  });

  it('an officer sees the rule but cannot change it', async () => {
    fakeBridge(current);
    renderScreen(asRole('officer', <RecordsSettingsCard />));
    const field = await screen.findByLabelText('到期后宽限天数');
    await waitFor(() => expect(field).toHaveValue(3));
    expect(field).toBeDisabled();
    expect(screen.queryByRole('button', { name: '保存' })).not.toBeInTheDocument();
  });
});
