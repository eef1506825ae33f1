import type { SxProps, Theme } from '@mui/material';
import { DesktopDatePicker } from '@mui/x-date-pickers/DesktopDatePicker';
import { DesktopDateTimePicker } from '@mui/x-date-pickers/DesktopDateTimePicker';
import { DesktopTimePicker } from '@mui/x-date-pickers/DesktopTimePicker';
import type { DateValidationError, TimeValidationError } from '@mui/x-date-pickers/models';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type FocusEvent } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { dateFieldText } from './date-text';
import { DateLocalization } from './DateLocalization';
import { fieldText } from './forms';

/** The field's own texts; a key the dictionary lacks does not compile. */
type TextKey = keyof (typeof dateFieldText)['zh'];
const invalidKey = (kind: Kind): TextKey => `dateField.invalid.${kind}`;
const minKey: TextKey = 'dateField.min';
const maxKey: TextKey = 'dateField.max';

/**
 * What a field hands on while its entry is no whole date (or time) or lies outside its bounds:
 * a text every date, month and time schema refuses, so the form does not save it. The field
 * itself says what is wrong.
 */
export const NOT_A_DATE = 'invalid';

type Kind = 'date' | 'time' | 'month' | 'dateTime';

/** The forms' own spelling of each kind; the date-time is an instant (toISOString). */
const stored: Record<Exclude<Kind, 'dateTime'>, { shape: RegExp; format: string }> = {
  date: { shape: /^\d{4}-\d{2}-\d{2}$/, format: 'YYYY-MM-DD' },
  time: { shape: /^([01]\d|2[0-3]):[0-5]\d$/, format: 'HH:mm' },
  month: { shape: /^\d{4}-(0[1-9]|1[0-2])$/, format: 'YYYY-MM' },
};

/** As the field shows and takes it: year first, 24-hour clock, whatever the OS locale. */
function shownFormat(kind: Kind, en: boolean): string {
  switch (kind) {
    case 'date':
      return 'YYYY-MM-DD';
    case 'time':
      return 'HH:mm';
    case 'month':
      return en ? 'MMMM YYYY' : 'YYYY年MM月';
    case 'dateTime':
      return 'YYYY-MM-DD HH:mm';
  }
}

/** A stored value as a day.js date; null for empty, an invalid date for text that is no value. */
function parse(kind: Kind, text: string | null | undefined): Dayjs | null {
  if (text === null || text === undefined || text === '') return null;
  if (kind === 'dateTime') return dayjs(text);
  const { shape, format } = stored[kind];
  if (!shape.test(text)) return dayjs(NaN);
  const date =
    kind === 'time' ? dayjs(`2000-01-01T${text}`) : dayjs(kind === 'month' ? `${text}-01` : text);
  // 2026-02-30 rolls over to March in day.js: refuse it rather than show another day.
  return date.format(format) === text ? date : dayjs(NaN);
}

function write(kind: Kind, date: Dayjs): string {
  return kind === 'dateTime' ? date.toISOString() : date.format(stored[kind].format);
}

/** The branch's calendar (2000–2099, as the schemas) bounds every field that has no narrower one. */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2099-12-31';

type Empty = '' | null | undefined;

export interface PickerFieldProps<E extends Empty = ''> {
  label: string;
  /** 'YYYY-MM-DD', 'HH:mm', 'YYYY-MM' or an ISO date-time, as the form holds it; empty when unset. */
  value: string | null | undefined;
  /**
   * The stored text once the entry is whole and within bounds, `empty` once cleared, and
   * NOT_A_DATE while it is neither (unless `holdInvalid`).
   */
  onChange: (value: string | NoInfer<E>) => void;
  onBlur?: () => void;
  /** What a cleared field gives: '' (default), null or undefined, as the form's schema expects. */
  empty?: E;
  /** A page's filter keeps its last good value while an entry is half typed: no NOT_A_DATE. */
  holdInvalid?: boolean;
  /** The form's message for this field, already translated. */
  error?: string;
  /** Help shown while there is no error. */
  helperText?: string;
  /** Bounds in the stored spelling (a date-time's as ISO). */
  min?: string;
  max?: string;
  disabled?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  fullWidth?: boolean;
  /** A cross at the end empties the field (default: when not required). */
  clearable?: boolean;
  name?: string;
  sx?: SxProps<Theme>;
}

type Reason = DateValidationError | TimeValidationError;

/**
 * A picker inside its own localisation (components/DateLocalization.tsx): the pickers come only
 * with the forms that have them, so the date library and its locales are not part of the first
 * screen's code.
 */
function PickerField<E extends Empty>(props: PickerFieldProps<E> & { kind: Kind }) {
  return (
    <DateLocalization>
      <Picker {...props} />
    </DateLocalization>
  );
}

function Picker<E extends Empty>(props: PickerFieldProps<E> & { kind: Kind }) {
  const { t, i18n } = useTranslation();
  const { kind } = props;
  const en = i18n.language === 'en';
  const format = shownFormat(kind, en);
  const empty = ('empty' in props ? props.empty : '') as E;

  // The picker keeps what is typed (a half date is no value the form can hold); the form's value
  // replaces it when the form changes it (reset, a default filled in), not when it echoes ours.
  const [held, setHeld] = useState(() => ({ source: props.value, date: parse(kind, props.value) }));
  let date = held.date;
  if (props.value !== held.source) {
    date = parse(kind, props.value);
    setHeld({ source: props.value, date });
  }
  const [reason, setReason] = useState<Reason>(null);
  const [left, setLeft] = useState(false);

  const bound = (text: string | undefined, fallback: string) =>
    parse(kind, text ?? (kind === 'time' ? undefined : fallback)) ?? undefined;
  const min = bound(props.min, kind === 'month' ? FIRST_DAY.slice(0, 7) : FIRST_DAY);
  const max = bound(props.max, kind === 'month' ? LAST_DAY.slice(0, 7) : LAST_DAY);

  const change = (next: Dayjs | null, problem: Reason) => {
    const whole = next !== null && next.isValid() && !problem;
    const handed =
      next === null
        ? empty
        : whole
          ? write(kind, next)
          : props.holdInvalid
            ? props.value
            : NOT_A_DATE;
    setHeld({ source: handed, date: next });
    setPartial(false);
    if (handed !== props.value) props.onChange(handed as string | E);
  };

  // A half-typed entry (2026-12-DD) is no value to the picker, which keeps the last one; the
  // form must not save that as if nothing were typed. An emptied entry is the empty value.
  const [partial, setPartial] = useState(false);
  const leave = (from: Element) => {
    const sections = from
      .closest('.MuiFormControl-root')
      ?.querySelectorAll('[role="group"] [role="spinbutton"]');
    const filled = [...(sections ?? [])].filter((s) => s.hasAttribute('aria-valuenow')).length;
    const half = filled > 0 && filled < (sections?.length ?? 0);
    setPartial(half);
    const handed = half
      ? props.holdInvalid
        ? props.value
        : NOT_A_DATE
      : filled === 0 && props.value === NOT_A_DATE
        ? empty
        : props.value;
    if (handed !== props.value) {
      setHeld({ source: handed, date: date });
      props.onChange(handed as string | E);
    }
  };

  const limitText = (limit: Dayjs | undefined) => (limit ? limit.format(format) : '');
  const ownText = (() => {
    if (!reason && !partial) return undefined;
    if (reason && /^(min|disablePast)/.test(reason)) return t(minKey, { limit: limitText(min) });
    if (reason && /^(max|disableFuture)/.test(reason)) return t(maxKey, { limit: limitText(max) });
    // A half-typed entry is told once the field is left (or the form was sent), not at each key.
    return left || props.error ? t(invalidKey(kind)) : undefined;
  })();
  const message = ownText ?? props.error;

  const common = {
    label: props.label,
    value: date,
    format,
    disabled: props.disabled,
    autoFocus: props.autoFocus,
    onChange: (next: Dayjs | null, context: { validationError: Reason }) =>
      change(next, context.validationError),
    onError: (next: Reason) => setReason(next),
    slotProps: {
      textField: {
        name: props.name,
        size: 'small' as const,
        required: props.required,
        fullWidth: props.fullWidth,
        error: Boolean(message),
        helperText: message ?? props.helperText,
        onBlur: (event: FocusEvent<HTMLElement>) => {
          // Focus moving from one section to the next (year to month) is no leaving.
          const root = event.target.closest('.MuiFormControl-root');
          if (event.relatedTarget instanceof Node && root?.contains(event.relatedTarget)) return;
          setLeft(true);
          leave(event.target);
          props.onBlur?.();
        },
        sx: props.fullWidth ? props.sx : [{ width: widths[kind] }, props.sx ?? {}].flat(),
      },
      field: { clearable: props.clearable ?? (!props.required && !props.disabled) },
      // Tab goes from field to field as a clerk types; the calendar is a click away (and
      // Ctrl+A, Backspace empties a field).
      openPickerButton: { tabIndex: -1 },
      clearButton: { tabIndex: -1 },
    },
  };
  switch (kind) {
    case 'date':
    case 'month':
      return (
        <DesktopDatePicker
          {...common}
          views={kind === 'month' ? ['year', 'month'] : ['year', 'month', 'day']}
          openTo={kind === 'month' ? 'month' : 'day'}
          minDate={min}
          maxDate={max}
          slotProps={{
            ...common.slotProps,
            calendarHeader: { format: en ? 'MMMM YYYY' : 'YYYY年M月' },
          }}
        />
      );
    case 'time':
      return (
        <DesktopTimePicker
          {...common}
          ampm={false}
          views={['hours', 'minutes']}
          minTime={min}
          maxTime={max}
        />
      );
    case 'dateTime':
      return (
        <DesktopDateTimePicker
          {...common}
          ampm={false}
          views={['year', 'month', 'day', 'hours', 'minutes']}
          minDateTime={min}
          maxDateTime={max}
          slotProps={{
            ...common.slotProps,
            calendarHeader: { format: en ? 'MMMM YYYY' : 'YYYY年M月' },
          }}
        />
      );
  }
}

/** Wide enough for the whole entry (in either language), the clear cross and the calendar button. */
const widths: Record<Kind, number> = { date: 220, time: 170, month: 240, dateTime: 280 };

/** A date, stored 'YYYY-MM-DD'; typed year first on the keyboard or picked from the calendar. */
export function DateField<E extends Empty = ''>(props: PickerFieldProps<E>) {
  return <PickerField {...props} kind="date" />;
}

/** A wall-clock time, stored 'HH:mm', on the 24-hour clock. */
export function TimeField<E extends Empty = ''>(props: PickerFieldProps<E>) {
  return <PickerField {...props} kind="time" />;
}

/** A month, stored 'YYYY-MM'; reads 2026年12月 in Chinese and December 2026 in English. */
export function MonthField<E extends Empty = ''>(props: PickerFieldProps<E>) {
  return <PickerField {...props} kind="month" />;
}

/** A date and time, stored as an ISO instant (toISOString) of the time typed on this machine. */
export function DateTimeField<E extends Empty = ''>(props: PickerFieldProps<E>) {
  return <PickerField {...props} kind="dateTime" />;
}

const fields = { date: DateField, time: TimeField, month: MonthField, dateTime: DateTimeField };

/**
 * One of the fields bound to a react-hook-form field: value, change, blur and the schema's
 * message (translated as the text fields' are).
 */
export function FormDateField<T extends FieldValues, O>(
  props: Omit<PickerFieldProps<Empty>, 'value' | 'onChange' | 'onBlur' | 'error' | 'empty'> & {
    control: Control<T, unknown, O>;
    name: FieldPath<T>;
    kind?: Kind;
    empty?: Empty;
  },
) {
  const { t } = useTranslation();
  const { control, name, kind = 'date', ...rest } = props;
  const Field = fields[kind];
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Field
          {...rest}
          name={field.name}
          value={field.value as string | null | undefined}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={fieldText(t, fieldState.error)}
        />
      )}
    />
  );
}
