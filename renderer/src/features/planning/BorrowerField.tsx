import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * The borrower of a visit. The case list's search channel is not part of the contract yet, so
 * the plan form takes the borrower's number from the case file (or arrives pre-filled from the
 * worklist or a case, with the name shown); the core checks that the borrower exists.
 */
export function BorrowerField(props: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  onBlur?: () => void;
  name?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('visitPlan.borrower')}
      type="number"
      value={props.value ?? ''}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      onBlur={props.onBlur}
      error={Boolean(props.error)}
      helperText={props.error ?? (props.name ? props.name : t('visitPlan.borrowerHelp'))}
      slotProps={{ htmlInput: { min: 1, step: 1 } }}
    />
  );
}
