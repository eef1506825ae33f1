import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from '../../../renderer/src/components/ConfirmDialog';
import { renderScreen } from '../support';

/**
 * The one confirmation before a step that cannot simply be undone (revoking a desk, disabling
 * an account, anonymising, reopening a month): Cancel and the verb, both held while the step
 * runs, so a click outside or Escape cannot lose its answer.
 */
function Harness(props: { busy?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog
      title="撤销这台电脑？"
      confirmLabel="撤销"
      danger
      busy={props.busy}
      disabled={reason === ''}
      onCancel={props.onCancel}
      onConfirm={props.onConfirm}
    >
      <input aria-label="原因" value={reason} onChange={(e) => setReason(e.target.value)} />
    </ConfirmDialog>
  );
}

describe('ConfirmDialog', () => {
  it('names itself by its title and holds the verb until the reason is given', () => {
    const onConfirm = vi.fn();
    renderScreen(<Harness onConfirm={onConfirm} onCancel={() => {}} />);
    expect(screen.getByRole('dialog', { name: '撤销这台电脑？' })).toBeInTheDocument();
    const verb = screen.getByRole('button', { name: '撤销' });
    expect(verb).toBeDisabled();
    fireEvent.change(screen.getByLabelText('原因'), { target: { value: '电脑已报废' } });
    expect(verb).toBeEnabled();
    fireEvent.click(verb);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('plain text is the dialog’s description', () => {
    renderScreen(
      <ConfirmDialog
        title="停用账号？"
        confirmLabel="停用"
        onCancel={() => {}}
        onConfirm={() => {}}
      >
        停用后该账号不能再登录。
      </ConfirmDialog>,
    );
    expect(screen.getByText('停用后该账号不能再登录。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '取消' })).toBeEnabled();
  });

  it('Escape cancels when idle, and does nothing while the step runs', () => {
    const onCancel = vi.fn();
    const { rerender } = renderScreen(<Harness onConfirm={() => {}} onCancel={onCancel} />);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    rerender(<Harness busy onConfirm={() => {}} onCancel={onCancel} />);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: '取消' })).toBeDisabled();
    expect(screen.getByRole('button', { name: '撤销' })).toBeDisabled();
  });
});
