import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { VisitDetail } from '../../../electron/shared/schemas/planning';
import { VisitDialog } from '../../../renderer/src/features/planning/VisitDialog';
import { pickerField, pickerText, typeInPicker } from '../pickers';
import { fakeBridge, renderAs } from '../support';
import { plannedVisit } from './visit-fixture';

/**
 * The visit dialog when another desk changed the visit after it was opened (issue 20): the
 * save is refused with STALE_VERSION; the dialog says who changed what, keeps what was typed,
 * and either sends it again on the visit's new version or shows the visit as it now is.
 */

const visit = (extra: Partial<VisitDetail> = {}): VisitDetail =>
  plannedVisit({
    approval: { needed: false, by: null, at: null, requestedBy: null, selfApproved: false },
    ...extra,
  });

/** What the other desk (李明) made of the visit: moved to the 11th, 14:00–15:00, a note. */
const movedElsewhere = visit({
  date: '2026-03-11',
  start: '14:00',
  end: '15:00',
  note: '借款人下午在家',
  version: 'bbbbbbbbbbbbbbbb',
});

const stale = {
  ok: false as const,
  error: {
    code: 'STALE_VERSION' as const,
    message: 'visit 5 was changed after this form was opened',
    details: {
      current: movedElsewhere,
      version: movedElsewhere.version,
      by: '李明',
      at: '2026-03-02T04:00:00.000Z',
    },
  },
};

/** Refused while sent on the version the dialog loaded; accepted on the new one. */
const staleThen = (answer: VisitDetail) => (input: unknown) =>
  (input as { version?: string }).version === movedElsewhere.version
    ? { ok: true as const, data: answer }
    : stale;

/** Opens visit 5's dialog as an officer and cancels it with `reason`; returns the user. */
async function cancelVisit(reason: string) {
  const user = userEvent.setup();
  renderAs('officer', <VisitDialog visitId={5} onClose={() => {}} onChanged={() => {}} />);
  await user.click(await screen.findByRole('button', { name: '取消走访' }));
  await user.type(screen.getByLabelText('取消原因'), reason);
  await user.click(screen.getByRole('button', { name: '确认取消' }));
  return user;
}

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('a visit changed at another desk while open here', () => {
  it('a cancel is refused: who and what changed, the reason kept; saving mine sends the new version', async () => {
    const { calls } = fakeBridge({
      'planning:visit': () => ({ ok: true as const, data: visit() }),
      'planning:cancelVisit': staleThen({
        ...movedElsewhere,
        status: 'cancelled',
        statusNote: '借款人已结清',
        version: 'cccccccccccccccc',
      }),
    });
    const user = await cancelVisit('借款人已结清');

    const alert = await screen.findByTestId('edited-elsewhere');
    expect(alert).toHaveTextContent(/李明 于 2026-03-02 \d\d:\d\d 修改/);
    expect(alert).toHaveTextContent('被改动的内容：日期、开始时间、结束时间、备注');
    expect(alert).toHaveTextContent('您填写的内容仍在表单中。');
    expect(screen.getByLabelText('取消原因')).toHaveValue('借款人已结清');
    // The dialog still shows the visit as it was loaded: nothing replaced under the user.
    expect(screen.getByRole('table', { name: '走访详情' })).toHaveTextContent(
      '2026-03-10 09:00–10:00',
    );
    const cancels = () => calls.filter((c) => c.channel === 'planning:cancelVisit');
    expect(cancels().map((c) => c.input)).toEqual([
      { id: 5, reason: '借款人已结清', version: 'aaaaaaaaaaaaaaaa' },
    ]);

    await user.click(within(alert).getByRole('button', { name: '在最新内容上保存我的改动' }));
    await waitFor(() => expect(screen.queryByTestId('edited-elsewhere')).not.toBeInTheDocument());
    expect(cancels().map((c) => c.input)).toEqual([
      { id: 5, reason: '借款人已结清', version: 'aaaaaaaaaaaaaaaa' },
      { id: 5, reason: '借款人已结清', version: 'bbbbbbbbbbbbbbbb' },
    ]);
    const details = screen.getByRole('table', { name: '走访详情' });
    expect(details).toHaveTextContent('已取消');
    expect(details).toHaveTextContent('2026-03-11 14:00–15:00');
  });

  it('a reschedule is refused with the new date and reason kept; loading the latest shows it and sends its version', async () => {
    const { calls } = fakeBridge({
      'planning:visit': () => ({ ok: true as const, data: visit() }),
      'planning:reschedule': () => stale,
      'planning:cancelVisit': staleThen({ ...movedElsewhere, status: 'cancelled' }),
    });
    const user = userEvent.setup();
    renderAs('officer', <VisitDialog visitId={5} onClose={() => {}} onChanged={() => {}} />);
    await user.click(await screen.findByRole('button', { name: '改期' }));
    const form = screen.getByRole('form', { name: '改期' });
    await typeInPicker(user, pickerField('日期', form), '20260312');
    await user.type(within(form).getByLabelText('改期原因'), '借款人外出务工');
    await user.click(within(form).getByRole('button', { name: '确认改期' }));

    const alert = await screen.findByTestId('edited-elsewhere');
    expect(alert).toHaveTextContent('被改动的内容：日期、开始时间、结束时间、备注');
    expect(pickerText(pickerField('日期', form))).toBe('2026-03-12');
    expect(within(form).getByLabelText('改期原因')).toHaveValue('借款人外出务工');
    expect(calls.find((c) => c.channel === 'planning:reschedule')?.input).toEqual({
      id: 5,
      date: '2026-03-12',
      start: '09:00',
      end: '10:00',
      reason: '借款人外出务工',
      version: 'aaaaaaaaaaaaaaaa',
    });

    // In English the same alert names the fields in English.
    await act(() => i18next.changeLanguage('en'));
    expect(alert).toHaveTextContent('What changed: Date, Start, End, Note');

    await user.click(
      within(alert).getByRole('button', { name: 'Discard mine and load the latest' }),
    );
    expect(screen.queryByTestId('edited-elsewhere')).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Reschedule' })).not.toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Visit details' })).toHaveTextContent(
      '2026-03-11 14:00–15:00',
    );
    expect(screen.getByRole('table', { name: 'Visit details' })).toHaveTextContent(
      '借款人下午在家',
    );

    // A change made now starts from the visit as loaded last.
    await user.click(screen.getByRole('button', { name: 'Cancel visit' }));
    await user.type(screen.getByLabelText('Reason for cancelling'), '重复安排');
    await user.click(screen.getByRole('button', { name: 'Cancel the visit' }));
    await waitFor(() =>
      expect(calls.find((c) => c.channel === 'planning:cancelVisit')?.input).toEqual({
        id: 5,
        reason: '重复安排',
        version: 'bbbbbbbbbbbbbbbb',
      }),
    );
  });

  it('a visit since rescheduled takes no change: its new status is named and only the latest is offered', async () => {
    const rescheduled = visit({
      status: 'rescheduled',
      statusNote: '借款人上午在镇上赶集',
      rescheduledTo: 6,
      version: 'dddddddddddddddd',
    });
    fakeBridge({
      'planning:visit': () => ({ ok: true as const, data: visit() }),
      'planning:cancelVisit': () => ({
        ok: false as const,
        error: {
          ...stale.error,
          details: { ...stale.error.details, current: rescheduled, version: rescheduled.version },
        },
      }),
    });
    await cancelVisit('借款人已结清');

    const alert = await screen.findByTestId('edited-elsewhere');
    expect(alert).toHaveTextContent('被改动的内容：状态（现为“已改期”）、状态说明');
    expect(alert).toHaveTextContent('这次走访现为“已改期”，不能再修改，您的改动无法保存。');
    expect(within(alert).queryByRole('button', { name: '在最新内容上保存我的改动' })).toBeNull();
    expect(screen.getByLabelText('取消原因')).toHaveValue('借款人已结清');
    // Sending the same cancel again could only be refused again.
    expect(screen.getByRole('button', { name: '确认取消' })).toBeDisabled();

    await act(() => i18next.changeLanguage('en'));
    expect(alert).toHaveTextContent('What changed: Status (now “Rescheduled”), Status note');
    expect(alert).toHaveTextContent(
      'This visit is now “Rescheduled” and can no longer change, so your change cannot be saved.',
    );
  });
});
