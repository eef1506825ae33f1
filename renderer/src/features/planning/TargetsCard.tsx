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

/**
 * The month's targets and progress, for the branch and each officer, on the calendar page. It
 * opens on this month where the branch is (the core's clock and the branch's time zone: on 4
 * December it is December's card, whatever the PC's zone and whichever week the calendar
 * starts on), and follows the calendar once the user moves it to another month (`month`).
 */
export function TargetsCard(props: {
  month?: string;
  staff: readonly StaffRow[];
  version: number;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const manager = useCan('settings.edit');
  // The calendar's month as it opened is the month of its first visible day (a week that
  // began in the month before): this month comes from the core until the calendar moves.
  const [opened] = useState(props.month);
  const [moved, setMoved] = useState(false);
  if (!moved && props.month !== opened) setMoved(true);
  const asked = moved ? props.month : undefined;
  const loaded = useChannel('planning:targets', asked ? { month: asked } : {}, {
    version: props.version,
  });
  // The answer names its month; an answer to an earlier question is not shown as this one's.
  const targets = loaded.data && (!asked || loaded.data.month === asked) ? loaded.data : null;
  const month = targets?.month ?? asked;
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
            <Typography variant="subtitle2" data-testid="targets-title">
              {month ? t('targets.title', { month }) : t('common.loading')}
            </Typography>
          </Stack>
          {targets?.branch ? (
            bars(targets.branch)
          ) : (
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
              {targets ? t('targets.none') : ''}
            </Typography>
          )}
          {targets?.branch && (
            <Typography variant="body2" color="text.secondary">
              {t('targets.planned', { count: targets.branch.visitsPlanned })}
            </Typography>
          )}
          {manager && month && (
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
      {editing && month && (
        <TargetsDialog
          month={month}
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
