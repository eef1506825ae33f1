import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { BorrowerView } from '../../../electron/shared/schemas/cases';
import { BorrowerDialog } from '../../../renderer/src/features/cases/BorrowerDialog';
import { asRole, fakeBridge, renderScreen } from '../support';
import { casePage } from './case-fixtures';

/**
 * Editing a borrower another desk saved after the form was opened (issue 20): the core refuses
 * the save with STALE_VERSION; the form keeps what was typed, says who changed what by the
 * form's own labels, and either loads the latest or saves the typed values over it.
 */

const opened: BorrowerView = { ...casePage.borrower, version: 'v-opened' };
/** Desk A's save: a new mobile and a street address. */
const current: BorrowerView = {
  ...opened,
  mobileMasked: '139****2222',
  addressDetail: '红光村 12 号',
  version: 'v-current',
};

const lists = {
  'cases:officers': () => ({
    ok: true as const,
    data: [{ id: 3, staffNo: 'C003', name: '赵强', role: 'officer', cases: 12 }],
  }),
  'cases:divisions': () => ({ ok: true as const, data: [{ code: '33', name: '浙江省' }] }),
};

const stale = {
  ok: false as const,
  error: {
    code: 'STALE_VERSION' as const,
    message: 'borrower 5 was changed after this form was opened',
    details: { current, version: 'v-current', by: '李华', at: '2026-03-02T06:00:00.000Z' },
  },
};

/** The edit form on `opened`, the occupation retyped, saved once and refused. */
async function refusedEdit() {
  const updates: { version?: string; occupation?: string; addressDetail?: string }[] = [];
  fakeBridge({
    ...lists,
    'cases:update': (input) => {
      updates.push(input as (typeof updates)[number]);
      return updates.length === 1 ? stale : { ok: true, data: { id: 5 } };
    },
  });
  const user = userEvent.setup();
  const onSaved = vi.fn();
  renderScreen(
    asRole('officer', <BorrowerDialog borrower={opened} onClose={() => {}} onSaved={onSaved} />),
  );
  const occupation = screen.getByLabelText('职业或经营');
  await user.clear(occupation);
  await user.type(occupation, '养殖');
  await user.click(screen.getByRole('button', { name: '保存' }));
  const alert = await screen.findByTestId('edited-elsewhere');
  return { user, onSaved, updates, alert };
}

describe('a borrower saved at another desk meanwhile', () => {
  it('names who changed it and what, and keeps what was typed', async () => {
    const { updates, alert, onSaved } = await refusedEdit();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ id: 5, version: 'v-opened', occupation: '养殖' });
    expect(alert).toHaveTextContent('这条记录在您打开后已被修改，您的修改尚未保存');
    expect(alert).toHaveTextContent(/李华 于 2026-03-0\d \d\d:\d\d 修改/);
    expect(alert).toHaveTextContent('被改动的内容：手机号、详细地址');
    expect(screen.getByLabelText('职业或经营')).toHaveValue('养殖');
    expect(screen.getByLabelText('详细地址')).toHaveValue('');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('"save my changes onto the latest" keeps the other desk’s changes to fields left alone', async () => {
    const { user, updates, alert, onSaved } = await refusedEdit();
    await user.click(within(alert).getByRole('button', { name: '在最新内容上保存我的改动' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(5));
    expect(updates).toHaveLength(2);
    // The occupation typed here, on desk A's street address (this form left it as opened).
    expect(updates[1]).toMatchObject({
      id: 5,
      version: 'v-current',
      occupation: '养殖',
      addressDetail: '红光村 12 号',
    });
    expect(screen.getByLabelText('详细地址')).toHaveValue('红光村 12 号');
  });

  it('a field both desks changed keeps what was typed here', async () => {
    const { user, updates, alert, onSaved } = await refusedEdit();
    const address = screen.getByLabelText('详细地址');
    await user.type(address, '红光村 14 号');
    await user.click(within(alert).getByRole('button', { name: '在最新内容上保存我的改动' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(5));
    expect(updates[1]).toMatchObject({
      version: 'v-current',
      occupation: '养殖',
      addressDetail: '红光村 14 号',
    });
  });

  it('"load the latest" shows the borrower as it now is, and saves on its version', async () => {
    const { user, updates, alert, onSaved } = await refusedEdit();
    await user.click(within(alert).getByRole('button', { name: '放弃我的修改，载入最新内容' }));
    expect(screen.queryByTestId('edited-elsewhere')).not.toBeInTheDocument();
    expect(screen.getByLabelText('职业或经营')).toHaveValue('种植');
    expect(screen.getByLabelText('详细地址')).toHaveValue('红光村 12 号');
    expect(screen.getByLabelText('手机号')).toHaveAttribute('placeholder', '139****2222');
    expect(updates).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: '保存' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledWith(5));
    expect(updates[1]).toMatchObject({
      id: 5,
      version: 'v-current',
      occupation: '种植',
      addressDetail: '红光村 12 号',
    });
  });
});
