import { TextField } from '@mui/material';
import { useState } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { parseYuanToFen } from '../../../../electron/shared/money';
import { fieldError } from '../../components/forms';
import { fenToInput } from './format';

/**
 * Yuan as people type it (1234.5, 1,234.50, ¥1,234.50) for a field the schema holds as integer
 * fen; empty is null. Text that is not an amount is handed on as a fraction of a fen, which
 * the shared schema refuses with its own "not a valid amount" message.
 */
export function MoneyField<T extends FieldValues>(props: {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Controller
      control={props.control}
      name={props.name}
      render={({ field, fieldState }) => (
        <MoneyInput
          label={props.label}
          fen={field.value as number | null | undefined}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={fieldError(t, fieldState.error)}
        />
      )}
    />
  );
}

function MoneyInput(props: {
  label: string;
  fen: number | null | undefined;
  onChange: (fen: number | null) => void;
  onBlur: () => void;
  error: string | undefined;
}) {
  const [text, setText] = useState(() => fenToInput(props.fen));
  return (
    <TextField
      label={props.label}
      value={text}
      inputMode="decimal"
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '') props.onChange(null);
        else props.onChange(parseYuanToFen(e.target.value) ?? 0.5);
      }}
      onBlur={props.onBlur}
      error={Boolean(props.error)}
      helperText={props.error}
      fullWidth
    />
  );
}
