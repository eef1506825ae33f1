import { TextField } from '@mui/material';
import { useState } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatFen, parseYuanToFen } from '../../../electron/shared/money';
import { fieldError } from './forms';

const toText = (fen: unknown) =>
  typeof fen === 'number' && Number.isSafeInteger(fen) ? formatFen(fen).replace(/,/g, '') : '';

/**
 * Yuan as people type them (1234.5, 1,234.50, ¥1,234.50) for a field the schema holds as integer
 * fen. Empty is null; text that is no amount is handed on as half a fen, which every shared
 * money schema refuses (it must be a whole number of fen) with its own "not a valid amount"
 * message — NaN would instead fail the type check with a generic message.
 */
export function YuanField<T extends FieldValues, O>(props: {
  control: Control<T, unknown, O>;
  name: FieldPath<T>;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Controller
      control={props.control}
      name={props.name}
      render={({ field, fieldState }) => (
        <YuanInput
          label={props.label}
          fen={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={fieldError(t, fieldState.error)}
        />
      )}
    />
  );
}

function YuanInput(props: {
  label: string;
  fen: unknown;
  onChange: (fen: number | null) => void;
  onBlur: () => void;
  error: string | undefined;
}) {
  const [text, setText] = useState(() => toText(props.fen));
  return (
    <TextField
      label={props.label}
      value={text}
      slotProps={{ htmlInput: { inputMode: 'decimal' } }}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(
          e.target.value.trim() === '' ? null : (parseYuanToFen(e.target.value) ?? 0.5),
        );
      }}
      onBlur={props.onBlur}
      error={Boolean(props.error)}
      helperText={props.error}
      fullWidth
    />
  );
}
