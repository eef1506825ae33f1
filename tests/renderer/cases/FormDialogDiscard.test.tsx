import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { NoteDialog } from '../../../renderer/src/features/cases/RecordDialogs';
import { fakeBridge, renderAs } from '../support';

/** Every form dialog (the shared FormDialog) asks before Esc throws away what was typed. */

function renderNote() {
  fakeBridge({});
  const onClose = vi.fn();
  renderAs('officer', <NoteDialog borrowerId={5} onClose={onClose} onSaved={() => {}} />);
  return { onClose };
}

describe('a form dialog on Esc', () => {
  it('closes at once while clean', async () => {
    const user = userEvent.setup();
    const { onClose } = renderNote();
    await screen.findByRole('form', { name: '添加备注' });
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('放弃未保存的内容？')).not.toBeInTheDocument();
  });

  it('asks first when dirty; Cancel, asked for in words, still closes at once', async () => {
    const user = userEvent.setup();
    const { onClose } = renderNote();
    await user.type(screen.getByLabelText('备注内容'), '下周再联系');
    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('dialog', { name: '放弃未保存的内容？' });
    expect(onClose).not.toHaveBeenCalled();
    await user.click(within(ask).getByRole('button', { name: '继续填写' }));
    await waitFor(() => expect(screen.queryByText('放弃未保存的内容？')).not.toBeInTheDocument());
    expect(screen.getByLabelText('备注内容')).toHaveValue('下周再联系');

    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
