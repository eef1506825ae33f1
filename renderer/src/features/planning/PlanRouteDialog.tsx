import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import BlockIcon from '@mui/icons-material/Block';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { z } from 'zod';
import {
  planRouteInput,
  visitPurposes,
  type PlanRouteInput,
  type VisitDetail,
  type WorklistRow,
} from '../../../../electron/shared/schemas/planning';
import { type StaffRow } from '../../../../electron/shared/schemas/staff';
import { FormDateField } from '../../components/DateField';
import { applyServerError, fieldText } from '../../components/forms';
import { StaffPicker } from '../staff/StaffPicker';
import { ruleRefusal, type RefusedSlot } from './refusals';
import { todayIso } from '../../components/format';
import { useTextLang } from '../../components/text-lang';
import { useAction } from '../../components/useAction';

type Values = z.output<typeof planRouteInput>;
type Outcome =
  { kind: 'planned'; visits: VisitDetail[] } | { kind: 'refused'; slots: RefusedSlot[] };

const tomorrow = () => todayIso(new Date(Date.now() + 86_400_000));

/**
 * Plans the chosen cases of one village as a route for one day: slots one after another from
 * the first start, each judged by the rules with the earlier ones in place. The core plans all
 * or none, so the answer lists, per case, the time it got or the rules that refused it.
 */
export function PlanRouteDialog(props: {
  cases: readonly WorklistRow[];
  staff: readonly StaffRow[];
  onClose: () => void;
  onPlanned: () => void;
}) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const [order, setOrder] = useState<WorklistRow[]>([...props.cases]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { register, handleSubmit, control, formState, setValue, setError } = useForm<
    PlanRouteInput,
    unknown,
    Values
  >({
    resolver: zodResolver(planRouteInput),
    defaultValues: {
      date: tomorrow(),
      borrowerIds: props.cases.map((c) => c.borrowerId),
      staffIds: [],
      firstStart: '09:00',
      visitMinutes: 45,
      gapMinutes: 15,
      purpose: 'reminder',
    },
  });

  const swap = (index: number, by: -1 | 1) => {
    const next = [...order];
    const other = index + by;
    if (other < 0 || other >= next.length) return;
    [next[index], next[other]] = [next[other]!, next[index]!];
    setOrder(next);
    setValue(
      'borrowerIds',
      next.map((c) => c.borrowerId),
    );
    setOutcome(null);
  };

  const plan = useAction('planning:planRoute', {
    onDone: (visits) => {
      setOutcome({ kind: 'planned', visits });
      props.onPlanned();
    },
    failureTo: 'inline',
    explain: (error, t) => {
      const refusal = ruleRefusal(error);
      if (!refusal || refusal.slots.length === 0) return applyServerError(error, setError, t);
      setOutcome({ kind: 'refused', slots: refusal.slots });
      return null;
    },
  });
  const failure = plan.failure;
  const submit = handleSubmit((values) => plan.run(values));

  const result = (row: WorklistRow) => {
    if (outcome?.kind === 'planned') {
      const visit = outcome.visits.find((v) => v.borrowerId === row.borrowerId);
      return visit
        ? { ok: true, text: t('dayRoute.plannedAt', { start: visit.start, end: visit.end }) }
        : null;
    }
    if (outcome?.kind === 'refused') {
      const slot = outcome.slots.find((s) => s.borrowerId === row.borrowerId);
      return slot
        ? { ok: false, text: slot.violations.map((v) => v.message[lang]).join('；') }
        : { ok: false, text: t('dayRoute.notSaved') };
    }
    return null;
  };

  const numberField = (name: 'visitMinutes' | 'gapMinutes') => (
    <TextField
      {...register(name, { valueAsNumber: true })}
      type="number"
      label={t(`dayRoute.${name}`)}
      error={Boolean(formState.errors[name])}
      helperText={fieldText(t, formState.errors[name])}
      sx={{ width: 140 }}
    />
  );

  return (
    <Dialog open onClose={props.onClose} maxWidth="md" fullWidth>
      <form noValidate onSubmit={submit} aria-label={t('worklist.planRoute')}>
        <DialogTitle>
          {t('dayRoute.planTitle', {
            place: [order[0]?.township, order[0]?.village].filter(Boolean).join(' · '),
          })}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
              <FormDateField control={control} name="date" label={t('dayRoute.date')} required />
              <FormDateField
                kind="time"
                control={control}
                name="firstStart"
                label={t('dayRoute.firstStart')}
                required
              />
              {numberField('visitMinutes')}
              {numberField('gapMinutes')}
              <Controller
                control={control}
                name="purpose"
                render={({ field }) => (
                  <TextField
                    select
                    label={t('visitPlan.purpose')}
                    {...field}
                    sx={{ minWidth: 160 }}
                  >
                    {visitPurposes.map((p) => (
                      <MenuItem key={p} value={p}>
                        {t(`visitPurpose.${p}`)}
                      </MenuItem>
                    ))}
                  </TextField>
                )}
              />
            </Stack>
            <Controller
              control={control}
              name="staffIds"
              render={({ field, fieldState }) => (
                <StaffPicker
                  staff={props.staff}
                  value={field.value ?? []}
                  onChange={(ids) => {
                    setOutcome(null);
                    field.onChange(ids);
                  }}
                  onBlur={field.onBlur}
                  label={t('dayRoute.pair')}
                  error={fieldText(t, fieldState.error)}
                />
              )}
            />
            <List dense aria-label={t('dayRoute.order')}>
              {order.map((row, index) => {
                const got = result(row);
                return (
                  <ListItem
                    key={row.borrowerId}
                    data-testid={`route-case-${row.borrowerId}`}
                    secondaryAction={
                      <>
                        <IconButton
                          aria-label={t('dayRoute.up')}
                          disabled={index === 0 || outcome?.kind === 'planned'}
                          onClick={() => swap(index, -1)}
                        >
                          <ArrowUpwardIcon fontSize="small" />
                        </IconButton>
                        <IconButton
                          aria-label={t('dayRoute.down')}
                          disabled={index === order.length - 1 || outcome?.kind === 'planned'}
                          onClick={() => swap(index, 1)}
                        >
                          <ArrowDownwardIcon fontSize="small" />
                        </IconButton>
                      </>
                    }
                  >
                    {got && (
                      <ListItemIcon sx={{ minWidth: 32 }}>
                        {got.ok ? (
                          <CheckCircleIcon color="success" fontSize="small" />
                        ) : (
                          <BlockIcon color="error" fontSize="small" />
                        )}
                      </ListItemIcon>
                    )}
                    <ListItemText
                      primary={`${index + 1}. ${row.name}`}
                      secondary={got?.text ?? row.reasons.map((r) => r[lang]).join('；')}
                      slotProps={{
                        secondary: { color: got ? (got.ok ? 'success.main' : 'error') : undefined },
                      }}
                    />
                  </ListItem>
                );
              })}
            </List>
            {outcome?.kind === 'planned' && (
              <Alert
                severity="success"
                action={
                  <Button
                    component={RouterLink}
                    to={`/calendar?view=timeGridDay&date=${outcome.visits[0]?.date ?? ''}`}
                    size="small"
                  >
                    {t('dayRoute.viewOnCalendar')}
                  </Button>
                }
              >
                {t('dayRoute.planned', { count: outcome.visits.length })}
              </Alert>
            )}
            {outcome?.kind === 'refused' && <Alert severity="error">{t('dayRoute.refused')}</Alert>}
            {failure && <Alert severity="error">{failure}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.close')}</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={formState.isSubmitting || outcome?.kind === 'planned'}
          >
            {t('dayRoute.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
