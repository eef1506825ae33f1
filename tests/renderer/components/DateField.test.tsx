import { zodResolver } from '@hookform/resolvers/zod';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { hhmm, isoDate } from '../../../electron/shared/validation';
import { FormDateField, MonthField } from '../../../renderer/src/components/DateField';
import { clearPicker, pickerField, pickerText, typeInPicker } from '../pickers';
import { renderScreen } from '../support';

afterEach(async () => {
  await i18next.changeLanguage('zh-CN');
});

const schema = z.object({ on: isoDate, at: hhmm, next: isoDate.nullable() });
type Values = z.infer<typeof schema>;

function VisitForm(props: { onSave: (values: Values) => void; max?: string }) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { on: '', at: '', next: '2026-12-01' },
  });
  return (
    <form noValidate onSubmit={form.handleSubmit(props.onSave)}>
      <FormDateField control={form.control} name="on" label="走访日期" max={props.max} />
      <FormDateField control={form.control} name="at" kind="time" label="开始时间" />
      <FormDateField control={form.control} name="next" label="跟进日期" empty={null} />
      <button type="submit">保存</button>
    </form>
  );
}

describe('the date and time fields', () => {
  it('take a date typed year first in the Chinese UI and hand the form 2026-12-07', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    renderScreen(<VisitForm onSave={onSave} />);
    expect(pickerText(pickerField('走访日期'))).toBe('YYYY-MM-DD');
    // Half way through, nothing is wrong yet.
    await user.click(within(pickerField('走访日期')).getAllByRole('spinbutton')[0]!);
    await user.keyboard('202612');
    expect(pickerText(pickerField('走访日期'))).toBe('2026-12-DD');
    expect(pickerField('走访日期')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText(/不是完整/)).not.toBeInTheDocument();
    await user.keyboard('07');
    await user.tab();
    expect(pickerText(pickerField('走访日期'))).toBe('2026-12-07');
    await typeInPicker(user, pickerField('开始时间'), '1430');
    expect(pickerText(pickerField('开始时间'))).toBe('14:30');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave.mock.calls[0]![0]).toEqual({ on: '2026-12-07', at: '14:30', next: '2026-12-01' });
  });

  it('keep the 24-hour clock for an afternoon time, with no AM/PM section', async () => {
    const user = userEvent.setup();
    renderScreen(<VisitForm onSave={() => {}} />);
    const time = pickerField('开始时间');
    await typeInPicker(user, time, '2105');
    expect(pickerText(time)).toBe('21:05');
    expect(time.querySelectorAll('[role="spinbutton"]')).toHaveLength(2);
  });

  it('say a half-typed date is incomplete once left, and the form does not save it', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    renderScreen(<VisitForm onSave={onSave} />);
    await typeInPicker(user, pickerField('走访日期'), '20261207');
    await typeInPicker(user, pickerField('开始时间'), '0930');
    // An optional date emptied and half typed again is not saved as "no date".
    await clearPicker(user, pickerField('跟进日期'));
    await typeInPicker(user, pickerField('跟进日期'), '202612');
    expect(pickerText(pickerField('跟进日期'))).toBe('2026-12-DD');
    expect(await screen.findByText('不是完整、有效的日期（如 2026-12-07）')).toBeInTheDocument();
    expect(pickerField('跟进日期')).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(onSave).not.toHaveBeenCalled();
    // Finished, it is saved.
    await user.click(within(pickerField('跟进日期')).getByRole('spinbutton', { name: '日期' }));
    await user.keyboard('15');
    await user.tab();
    expect(screen.queryByText('不是完整、有效的日期（如 2026-12-07）')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave.mock.calls[0]![0]).toMatchObject({ next: '2026-12-15' });
  });

  it('refuse a date after its bound, saying which', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    renderScreen(<VisitForm onSave={onSave} max="2026-11-20" />);
    await typeInPicker(user, pickerField('走访日期'), '20261207');
    expect(await screen.findByText('不得晚于 2026-11-20')).toBeInTheDocument();
    await typeInPicker(user, pickerField('开始时间'), '0930');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(onSave).not.toHaveBeenCalled();
    // Back within the bound, the form takes it.
    await typeInPicker(user, pickerField('走访日期'), '20261120');
    expect(screen.queryByText('不得晚于 2026-11-20')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave.mock.calls[0]![0]).toMatchObject({ on: '2026-11-20' });
  });

  it('refuse a day the calendar does not have', async () => {
    const user = userEvent.setup();
    renderScreen(<VisitForm onSave={() => {}} />);
    await typeInPicker(user, pickerField('走访日期'), '20260230');
    expect(pickerText(pickerField('走访日期'))).toBe('2026-02-30');
    expect(await screen.findByText('不是完整、有效的日期（如 2026-12-07）')).toBeInTheDocument();
  });

  it('give the form its empty value when cleared (null here)', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    renderScreen(<VisitForm onSave={onSave} />);
    await typeInPicker(user, pickerField('走访日期'), '20261207');
    await typeInPicker(user, pickerField('开始时间'), '1430');
    expect(pickerText(pickerField('跟进日期'))).toBe('2026-12-01');
    await clearPicker(user, pickerField('跟进日期'));
    expect(pickerText(pickerField('跟进日期'))).toBe('YYYY-MM-DD');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave.mock.calls[0]![0]).toMatchObject({ next: null });
  });
});

describe('the month field', () => {
  function Month(props: { onChange: (month: string) => void; value?: string }) {
    const [month, setMonth] = useState(props.value ?? '');
    return (
      <MonthField
        label="月份"
        value={month}
        onChange={(next) => {
          setMonth(next);
          props.onChange(next);
        }}
      />
    );
  }

  it('reads 2026年12月 in Chinese', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderScreen(<Month onChange={onChange} />);
    await typeInPicker(user, pickerField('月份'), '202612');
    expect(pickerText(pickerField('月份'))).toBe('2026年12月');
    expect(onChange).toHaveBeenLastCalledWith('2026-12');
  });

  it('reads December 2026 in English, typed month first', async () => {
    await i18next.changeLanguage('en');
    const user = userEvent.setup();
    const onChange = vi.fn();
    renderScreen(<Month onChange={onChange} value="2026-03" />);
    expect(pickerText(pickerField('月份'))).toBe('March 2026');
    await typeInPicker(user, pickerField('月份'), '12');
    expect(pickerText(pickerField('月份'))).toBe('December 2026');
    expect(onChange).toHaveBeenLastCalledWith('2026-12');
  });
});
