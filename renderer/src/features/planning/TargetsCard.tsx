import FlagIcon from '@mui/icons-material/Flag';
import {
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../electron/shared/money';
import type { TargetsOutput } from '../../../../electron/shared/schemas/planning';
import type { StaffRow } from '../../../../electron/shared/schemas/staff';
import { useCan } from '../../app/session';
import { useToast } from '../../components/Toasts';
import { useChannel } from '../../components/useChannel';
import { TargetsDialog } from './TargetsDialog';

type Progress = NonNullable<TargetsOutput['branch']>;

const percent = (done: number, target: number) =>
  target > 0 ? Math.min(100, Math.round((done / target) * 100)) : 0;

function Bar(props: { label: string; done: string; target: string; value: number }) {
  return (
    <Box sx={{ minWidth: 200, flex: 1 }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
        <Typography variant="body2" color="text.secondary">
          {props.label}
        </Typography>
        <Typography variant="body2">
          {props.done} / {props.target}
        </Typography>
      </Stack>
      <LinearProgress variant="determinate" value={props.value} aria-label={props.label} />
    </Box>
  );
}

/** The month's targets and progress, for the branch and each officer, on the calendar page. */
export function TargetsCard(props: { month: string; staff: readonly StaffRow[]; version: number }) {
  const { t } = useTranslation();
  const toast = useToast();
  const manager = useCan('settings.edit');
  const loaded = useChannel('planning:targets', { month: props.month }, { version: props.version });
  const targets = loaded.data;
  const [editing, setEditing] = useState(false);

  const bars = (p: Progress) => (
    <>
      <Bar
        label={t('targets.visits')}
        done={String(p.visitsDone)}
        target={p.visitsTarget > 0 ? String(p.visitsTarget) : '—'}
        value={percent(p.visitsDone, p.visitsTarget)}
      />
      <Bar
        label={t('targets.amount')}
        done={formatYuan(p.amountCollectedFen)}
        target={p.amountTargetFen > 0 ? formatYuan(p.amountTargetFen) : '—'}
        value={percent(p.amountCollectedFen, p.amountTargetFen)}
      />
    </>
  );

  return (
    <Card sx={{ mb: 2 }} data-testid="targets-card">
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Stack
          direction="row"
          spacing={3}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap' }}
        >
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <FlagIcon color="action" fontSize="small" />
            <Typography variant="subtitle2">
              {t('targets.title', { month: props.month })}
            </Typography>
          </Stack>
          {targets?.branch ? (
            bars(targets.branch)
          ) : (
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
              {t('targets.none')}
            </Typography>
          )}
          {targets?.branch && (
            <Typography variant="body2" color="text.secondary">
              {t('targets.planned', { count: targets.branch.visitsPlanned })}
            </Typography>
          )}
          {manager && (
            <Button size="small" onClick={() => setEditing(true)}>
              {t('targets.set')}
            </Button>
          )}
        </Stack>
        {targets && targets.officers.some((o) => o.visitsTarget > 0 || o.visitsDone > 0) && (
          <Stack direction="row" spacing={2} useFlexGap sx={{ mt: 1, flexWrap: 'wrap' }}>
            {targets.officers.map((o) => (
              <Tooltip
                key={o.staffId}
                title={t('targets.officerTip', {
                  planned: o.visitsPlanned,
                  amount: formatYuan(o.amountCollectedFen),
                  amountTarget: o.amountTargetFen > 0 ? formatYuan(o.amountTargetFen) : '—',
                })}
              >
                <Typography variant="caption" color="text.secondary">
                  {o.name} {o.visitsDone}/{o.visitsTarget > 0 ? o.visitsTarget : '—'}
                </Typography>
              </Tooltip>
            ))}
          </Stack>
        )}
      </CardContent>
      {editing && (
        <TargetsDialog
          month={props.month}
          staff={props.staff}
          targets={targets}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            loaded.setData(next);
            setEditing(false);
            toast(t('common.saved'));
          }}
        />
      )}
    </Card>
  );
}
