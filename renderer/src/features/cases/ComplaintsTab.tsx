import AddIcon from '@mui/icons-material/Add';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import {
  Box,
  Button,
  Chip,
  LinearProgress,
  Paper,
  Stack,
  Typography,
  type ChipProps,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintView } from '../../../../electron/shared/schemas/complaints';
import { useCan } from '../../app/session';
import { useChannel } from '../../components/useChannel';
import {
  CloseComplaintDialog,
  ComplaintActionDialog,
  RegisterComplaintDialog,
} from './ComplaintDialogs';

type Dialog =
  | { kind: 'register' }
  | { kind: 'action'; complaint: ComplaintView }
  | { kind: 'close'; complaint: ComplaintView }
  | null;

const statusColor: Record<ComplaintView['status'], ChipProps['color']> = {
  open: 'warning',
  closed: 'default',
};

/**
 * The borrower's complaints: who complained, how, when, about which visit and staff, what was
 * done, and the close. Officers and clerks register and record the action; the manager closes;
 * everyone else reads.
 */
export function ComplaintsTab(props: { borrowerId: number; today: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const canWrite = useCan('complaints.write');
  const canClose = useCan('complaints.close');
  const loaded = useChannel('complaints:list', { borrowerId: props.borrowerId });
  const complaints = loaded.data;
  const load = loaded.reload;
  const [dialog, setDialog] = useState<Dialog>(null);

  const saved = () => {
    setDialog(null);
    load();
    props.onChanged();
  };

  if (!complaints) return <LinearProgress aria-label={t('common.loading')} />;

  const register = canWrite && (
    <Button startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'register' })}>
      {t('complaints.register')}
    </Button>
  );

  return (
    <Box>
      {complaints.length === 0 ? (
        <Stack spacing={1} sx={{ alignItems: 'flex-start', py: 2 }} data-testid="complaints-empty">
          <Typography>{t('complaints.empty')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('complaints.emptyHelp')}
          </Typography>
          {register}
        </Stack>
      ) : (
        <Stack spacing={2}>
          <Stack direction="row" sx={{ alignItems: 'center' }}>
            <Typography variant="subtitle1" sx={{ flex: 1 }}>
              {t('complaints.title')}
            </Typography>
            {!canClose && canWrite && (
              <Typography variant="caption" color="text.secondary" sx={{ mr: 2 }}>
                {t('complaints.managerCloses')}
              </Typography>
            )}
            {register}
          </Stack>
          {complaints.map((c) => (
            <ComplaintCard
              key={c.id}
              complaint={c}
              onAction={canWrite ? () => setDialog({ kind: 'action', complaint: c }) : undefined}
              onClose={canClose ? () => setDialog({ kind: 'close', complaint: c }) : undefined}
            />
          ))}
        </Stack>
      )}
      {dialog?.kind === 'register' && (
        <RegisterComplaintDialog
          borrowerId={props.borrowerId}
          today={props.today}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
      {dialog?.kind === 'action' && (
        <ComplaintActionDialog
          complaint={dialog.complaint}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
      {dialog?.kind === 'close' && (
        <CloseComplaintDialog
          complaint={dialog.complaint}
          today={props.today}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
    </Box>
  );
}

function ComplaintCard(props: {
  complaint: ComplaintView;
  onAction?: (() => void) | undefined;
  onClose?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const c = props.complaint;
  const who = `${t(`complaints.complainant.${c.complainant}`)}${c.complainantName ? ` ${c.complainantName}` : ''}`;
  const open = c.status === 'open';
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      component="article"
      aria-label={`${c.receivedOn} ${who}`}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <ReportProblemIcon color={open ? 'warning' : 'disabled'} fontSize="small" />
        <Typography sx={{ fontWeight: 600 }}>{c.receivedOn}</Typography>
        <Typography>
          {t(`complaints.channel.${c.channel}`)} · {who}
        </Typography>
        <Chip
          size="small"
          color={statusColor[c.status]}
          label={t(`complaints.status.${c.status}`)}
        />
        {c.outcome && (
          <Chip size="small" variant="outlined" label={t(`complaints.outcome.${c.outcome}`)} />
        )}
        <Box sx={{ flex: 1 }} />
        {open && props.onAction && (
          <Button size="small" onClick={props.onAction}>
            {t('complaints.recordAction')}
          </Button>
        )}
        {open && props.onClose && (
          <Button size="small" variant="outlined" onClick={props.onClose}>
            {t('complaints.close')}
          </Button>
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {[
          c.visit ? t('complaints.visitOn', { date: c.visit.date, start: c.visit.start }) : '',
          c.staff.length
            ? t('complaints.concerns', { names: c.staff.map((s) => s.name).join('、') })
            : '',
          c.recordedBy ? t('complaints.recordedBy', { name: c.recordedBy }) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
      <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>{c.summary}</Typography>
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {t('complaints.actionTaken')}
      </Typography>
      <Typography
        sx={{ whiteSpace: 'pre-wrap' }}
        color={c.actionTaken ? 'text.primary' : 'text.secondary'}
      >
        {c.actionTaken || t('complaints.nothingYet')}
      </Typography>
      {c.closedOn && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>
          {t('complaints.closedBy', { name: c.closedBy ?? '—', date: c.closedOn })}
          {c.outcomeNote ? ` · ${c.outcomeNote}` : ''}
        </Typography>
      )}
    </Paper>
  );
}
