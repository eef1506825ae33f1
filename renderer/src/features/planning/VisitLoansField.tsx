import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
} from '@mui/material';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../components/useChannel';
import { formatYuan as yuan } from '../../../../electron/shared/money';

/**
 * Which of the borrower's loans a visit is about. Nothing ticked means all of the borrower's
 * overdue loans (the core fills them in, so every way of planning agrees); ticking loans narrows
 * the visit to them. "Amount collected" counts payments on these loans.
 */
export function VisitLoansField(props: {
  borrowerId: number | undefined;
  value: readonly number[];
  onChange: (ids: number[]) => void;
}) {
  const { t } = useTranslation();
  const { borrowerId, value, onChange } = props;
  // A helper of the plan form: without the loans, the visit is about all overdue ones anyway.
  const page = useChannel('cases:get', borrowerId === undefined ? null : { borrowerId }, {
    failure: 'quiet',
  });
  const { data, loading } = page;
  const shown = useMemo(
    () =>
      borrowerId === undefined || loading
        ? null
        : (data?.loans.filter((l) => l.status === 'active') ?? []),
    [borrowerId, loading, data],
  );

  // Another borrower's loans never stay chosen.
  useEffect(() => {
    if (!shown) return;
    const own = value.filter((id) => shown.some((l) => l.id === id));
    if (own.length !== value.length) onChange(own);
  }, [shown, value, onChange]);

  if (borrowerId === undefined || !shown || shown.length === 0) return null;
  const toggle = (id: number, on: boolean) =>
    onChange(on ? [...value, id] : value.filter((v) => v !== id));
  return (
    <FormControl component="fieldset" variant="standard">
      <FormLabel component="legend">{t('visitLoans.label')}</FormLabel>
      <FormGroup row>
        {shown.map((loan) => (
          <FormControlLabel
            key={loan.id}
            control={
              <Checkbox
                checked={value.includes(loan.id)}
                onChange={(e) => toggle(loan.id, e.target.checked)}
              />
            }
            label={
              loan.overdueFen > 0
                ? t('visitLoans.overdue', {
                    loanNo: loan.loanNo,
                    amount: yuan(loan.overdueFen),
                    bucket: loan.bucket,
                  })
                : t('visitLoans.current', { loanNo: loan.loanNo })
            }
          />
        ))}
      </FormGroup>
      <FormHelperText>
        {value.length === 0 ? t('visitLoans.allOverdue') : t('visitLoans.narrowed')}
      </FormHelperText>
    </FormControl>
  );
}
