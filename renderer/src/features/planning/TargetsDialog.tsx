import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  InputAdornment,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, parseYuanToFen } from '../../../../electron/shared/money';
import { setTargetInput, type TargetsOutput } from '../../../../electron/shared/schemas/planning';
import { type StaffRow } from '../../../../electron/shared/schemas/staff';
import { issuesToFields } from '../../../../electron/shared/validation';
import { staffLabel } from '../../components/staff';
import { useAction } from '../../components/useAction';

const BRANCH = 'branch';

/**
 * The manager sets a month's target for the branch or one officer. The amount is typed in yuan
 * and sent as integer fen; the payload is checked with the shared schema before it goes.
 */
export function TargetsDialog(props: {
  month: string;
  staff: readonly StaffRow[];
  targets: TargetsOutput | null;
  onClose: () => void;
  onSaved: (targets: TargetsOutput) => void;
}) {
  const { t } = useTranslation();
  const current = (who: string) => {
    const p =
      who === BRANCH
        ? props.targets?.branch
        : props.targets?.officers.find((o) => String(o.staffId) === who);
    return {
      visits: p && p.visitsTarget > 0 ? String(p.visitsTarget) : '',
      amount: p && p.amountTargetFen > 0 ? formatFen(p.amountTargetFen).replace(/,/g, '') : '',
    };
  };
  const [who, setWho] = useState(BRANCH);
  const [visits, setVisits] = useState(current(BRANCH).visits);
  const [amount, setAmount] = useState(current(BRANCH).amount);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = useAction('planning:setTargets', {
    failureTo: 'inline',
    onDone: (targets) => props.onSaved(targets),
  });

  const choose = (next: string) => {
    setWho(next);
    setVisits(current(next).visits);
    setAmount(current(next).amount);
    setErrors({});
  };

  const save = async () => {
    const fen = amount.trim() === '' ? 0 : parseYuanToFen(amount);
    if (fen === null) {
      setErrors({ amountTargetFen: 'v.amount' });
      return;
    }
    const parsed = setTargetInput.safeParse({
      month: props.month,
      staffId: who === BRANCH ? null : Number(who),
      visitsTarget: visits.trim() === '' ? 0 : Number(visits),
      amountTargetFen: fen,
    });
    if (!parsed.success) {
      setErrors(issuesToFields(parsed.error));
      return;
    }
    await set.run(parsed.data);
  };

  const officers = props.staff.filter((s) => s.role === 'officer' || s.role === 'manager');
  return (
    <Dialog open onClose={props.onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{t('targets.setTitle', { month: props.month })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            select
            label={t('targets.who')}
            value={who}
            onChange={(e) => choose(e.target.value)}
          >
            <MenuItem value={BRANCH}>{t('targets.branch')}</MenuItem>
            {officers.map((s) => (
              <MenuItem key={s.id} value={String(s.id)}>
                {staffLabel(s)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={t('targets.visits')}
            type="number"
            value={visits}
            onChange={(e) => setVisits(e.target.value)}
            error={Boolean(errors.visitsTarget)}
            helperText={errors.visitsTarget ? t(errors.visitsTarget) : undefined}
          />
          <TextField
            label={t('targets.amount')}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={Boolean(errors.amountTargetFen)}
            helperText={errors.amountTargetFen ? t(errors.amountTargetFen) : undefined}
            slotProps={{
              input: { startAdornment: <InputAdornment position="start">¥</InputAdornment> },
            }}
          />
          {set.failure && <Alert severity="error">{set.failure}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()}>
          {t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
