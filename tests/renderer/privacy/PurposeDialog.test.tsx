import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../renderer/src/api';
import { PurposeDialog } from '../../../renderer/src/components/PurposeDialog';
import { forgetPurposes } from '../../../renderer/src/components/purpose-memory';
import { asRole } from '../support';
import { renderScreen } from '../support';

function openDialog(onConfirm = vi.fn(async (_purpose: string) => {}), onClose = vi.fn()) {
  const view = renderScreen(
    asRole(
      'clerk',
      <PurposeDialog
        title="导出 CSV"
        contents="走访清单，含借款人姓名。"
        onClose={onClose}
        onConfirm={onConfirm}
      />,
    ),
  );
  return { onConfirm, onClose, view };
}

beforeEach(() => forgetPurposes());

describe('export purpose dialog', () => {
  it('says what leaves and why, and refuses a purpose shorter than 3 characters', async () => {
    const user = userEvent.setup();
    const { onConfirm } = openDialog();
    expect(screen.getByText(/走访清单，含借款人姓名。/)).toBeInTheDocument();
    expect(screen.getByText('至少 3 个字；与本次导出一并记入审计日志')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '导出' }));
    expect(await screen.findByText('请写明用途（至少 3 个字）')).toBeInTheDocument();
    await user.type(screen.getByLabelText('导出用途'), '  稽核  ');
    await user.click(screen.getByRole('button', { name: '导出' }));
    expect(await screen.findByText('请写明用途（至少 3 个字）')).toBeInTheDocument();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('accepts 报总行: three characters are a purpose', async () => {
    const user = userEvent.setup();
    const { onConfirm } = openDialog();
    await user.type(screen.getByLabelText('导出用途'), '报总行');
    await user.click(screen.getByRole('button', { name: '导出' }));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith('报总行'));
  });

  it('a quick pick fills the field; the export runs with it and the dialog closes', async () => {
    const user = userEvent.setup();
    const { onConfirm, onClose } = openDialog();
    await user.click(screen.getByRole('button', { name: '报送总行月度报表' }));
    expect(screen.getByLabelText('导出用途')).toHaveValue('报送总行月度报表');
    await user.click(screen.getByRole('button', { name: '导出' }));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith('报送总行月度报表'));
    expect(onClose).toHaveBeenCalled();
  });

  it('free text is trimmed; the next export in this window starts from the last purpose', async () => {
    const user = userEvent.setup();
    const first = openDialog();
    await user.type(screen.getByLabelText('导出用途'), '  配合县联社年度审计抽查 ');
    await user.click(screen.getByRole('button', { name: '导出' }));
    await waitFor(() => expect(first.onConfirm).toHaveBeenCalledWith('配合县联社年度审计抽查'));
    first.view.unmount();
    openDialog();
    expect(screen.getByLabelText('导出用途')).toHaveValue('配合县联社年度审计抽查');
  });

  it('a refused export is not remembered, and the server’s field error shows on the field', async () => {
    const user = userEvent.setup();
    const refuse = vi.fn(async () => {
      throw new ApiError({
        code: 'VALIDATION',
        message: 'invalid',
        fields: { purpose: 'v.tooLong' },
      });
    });
    const first = openDialog(refuse);
    await user.type(screen.getByLabelText('导出用途'), '报送总行月度报表');
    await user.click(screen.getByRole('button', { name: '导出' }));
    expect(await screen.findByText('内容过长')).toBeInTheDocument();
    expect(first.onClose).not.toHaveBeenCalled();
    first.view.unmount();
    openDialog();
    expect(screen.getByLabelText('导出用途')).toHaveValue('');
  });

  it('speaks English when the UI does', async () => {
    await act(() => i18next.changeLanguage('en'));
    try {
      const user = userEvent.setup();
      const { onConfirm } = openDialog();
      await user.click(screen.getByRole('button', { name: 'Monthly report to head office' }));
      await user.click(screen.getByRole('button', { name: 'Export' }));
      await waitFor(() => expect(onConfirm).toHaveBeenCalledWith('Monthly report to head office'));
    } finally {
      await act(() => i18next.changeLanguage('zh-CN'));
    }
  });
});
