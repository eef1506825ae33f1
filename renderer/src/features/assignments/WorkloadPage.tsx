import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { buckets } from '../../../../electron/shared/delinquency';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import {
  importOfficerRules,
  rebalanceInput,
  type OfficerWorkload,
  type SuggestedMove,
  type WorkloadOutput,
} from '../../../../electron/shared/schemas/assignments';
import { FormDialog } from '../../components/FormDialog';
import { staffLabelIn } from '../../components/staff';
import { useTextLang } from '../../components/text-lang';
import { Page } from '../../components/Page';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

/**
 * The manager's workload view: each officer's cases and month at a glance, the rule for files
 * that disagree with a manual assignment, and a suggested rebalance by whole villages that the
 * manager may edit and accept (the same reassignment, one action).
 */
export function WorkloadPage() {
  const { t } = useTranslation();
  const workload = useChannel('assignments:workload', {});
  const data = workload.data;
  return (
    <Page title={t('assignments.workload.title')}>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('assignments.workload.help')}
      </Typography>
      {!data ? (
        <LinearProgress aria-label={t('common.loading')} />
      ) : data.officers.length === 0 ? (
        <Alert severity="info">{t('assignments.workload.empty')}</Alert>
      ) : (
        <>
          <WorkloadTable data={data} />
          <Suggestion key={JSON.stringify(data.suggestion)} data={data} onDone={workload.reload} />
        </>
      )}
      <ImportRule />
    </Page>
  );
}

function WorkloadTable({ data }: { data: WorkloadOutput }) {
  const { t } = useTranslation();
  return (
    <Card sx={{ mb: 2 }}>
      <Table size="small" aria-label={t('assignments.workload.title')} data-testid="workload-table">
        <TableHead>
          <TableRow>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('assignments.workload.officer')}</TableCell>
            <TableCell>{t('assignments.workload.cases')}</TableCell>
            <TableCell align="right">{t('assignments.workload.outstanding')}</TableCell>
            <TableCell align="right">{t('assignments.workload.overdue')}</TableCell>
            <TableCell align="right">{t('assignments.workload.visits')}</TableCell>
            <TableCell align="right">{t('assignments.workload.promises')}</TableCell>
            <TableCell sx={{ minWidth: 180 }}>{t('assignments.workload.collected')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.officers.map((o) => (
            <OfficerRow key={o.officerId} officer={o} />
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}

function OfficerRow({ officer: o }: { officer: OfficerWorkload }) {
  const { t } = useTranslation();
  const share = o.targetFen ? Math.min(100, Math.round((o.collectedFen / o.targetFen) * 100)) : 0;
  return (
    <TableRow data-testid={`workload-${o.staffNo}`}>
      <TableCell>
        <Typography sx={{ fontWeight: 600 }}>{o.name}</Typography>
        <Typography variant="caption" color="text.secondary">
          {o.staffNo}
        </Typography>
        {!o.active && (
          <Chip
            size="small"
            color="warning"
            label={t('assignments.workload.inactive')}
            sx={{ ml: 1 }}
          />
        )}
      </TableCell>
      <TableCell>
        <Typography sx={{ fontWeight: 600 }}>{o.casesTotal}</Typography>
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {buckets
            .filter((b) => o.cases[b] > 0)
            .map((b) => (
              <Chip key={b} size="small" variant="outlined" label={`${b} ${o.cases[b]}`} />
            ))}
        </Stack>
      </TableCell>
      <TableCell align="right">{yuan(o.outstandingFen)}</TableCell>
      <TableCell align="right">{yuan(o.overdueFen)}</TableCell>
      <TableCell align="right">
        {o.visitsDone} / {o.visitsPlanned}
      </TableCell>
      <TableCell align="right">{o.promisesOpen}</TableCell>
      <TableCell>
        <Typography variant="body2">
          {yuan(o.collectedFen)} /{' '}
          {o.targetFen === null ? t('assignments.workload.noTarget') : yuan(o.targetFen)}
        </Typography>
        {o.targetFen !== null && (
          <LinearProgress variant="determinate" value={share} aria-label={`${share}%`} />
        )}
      </TableCell>
    </TableRow>
  );
}

interface EditableMove extends SuggestedMove {
  chosen: boolean;
}

function Suggestion({ data, onDone }: { data: WorkloadOutput; onDone: () => void }) {
  const { t } = useTranslation();
  const [moves, setMoves] = useState<EditableMove[]>(() =>
    data.suggestion.map((m) => ({ ...m, chosen: true })),
  );
  const [confirming, setConfirming] = useState(false);
  const lang = useTextLang();
  // Two staff may share a name: each is shown with their staff number.
  const names = new Map(data.officers.map((o) => [o.officerId, staffLabelIn(lang)(o)]));
  const receivers = data.officers.filter((o) => o.active);
  const chosen = moves.filter((m) => m.chosen && m.toOfficerId !== m.fromOfficerId);
  const update = (index: number, patch: Partial<EditableMove>) =>
    setMoves((all) => all.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {t('assignments.suggest.title')}
        </Typography>
        {moves.length === 0 ? (
          <Typography color="text.secondary">{t('assignments.suggest.none')}</Typography>
        ) : (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {t('assignments.suggest.help')}
            </Typography>
            <Table size="small" aria-label={t('assignments.suggest.title')}>
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox" />
                  <TableCell>{t('assignments.suggest.village')}</TableCell>
                  <TableCell align="right">{t('assignments.suggest.cases')}</TableCell>
                  <TableCell>{t('assignments.suggest.from')}</TableCell>
                  <TableCell>{t('assignments.suggest.to')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {moves.map((m, i) => {
                  const place =
                    `${m.township} ${m.village}`.trim() || t('assignments.suggest.noVillage');
                  return (
                    <TableRow key={`${m.fromOfficerId}-${m.township}-${m.village}`}>
                      <TableCell padding="checkbox">
                        <Checkbox
                          checked={m.chosen}
                          onChange={(e) => update(i, { chosen: e.target.checked })}
                          slotProps={{ input: { 'aria-label': place } }}
                        />
                      </TableCell>
                      <TableCell>{place}</TableCell>
                      <TableCell align="right">{m.cases}</TableCell>
                      <TableCell>{names.get(m.fromOfficerId)}</TableCell>
                      <TableCell>
                        <TextField
                          select
                          size="small"
                          value={String(m.toOfficerId)}
                          onChange={(e) => update(i, { toOfficerId: Number(e.target.value) })}
                          slotProps={{
                            htmlInput: { 'aria-label': `${t('assignments.suggest.to')} ${place}` },
                          }}
                        >
                          {receivers
                            .filter((o) => o.officerId !== m.fromOfficerId)
                            .map((o) => (
                              <MenuItem key={o.officerId} value={String(o.officerId)}>
                                {names.get(o.officerId)}
                              </MenuItem>
                            ))}
                        </TextField>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            <Box sx={{ mt: 2 }}>
              <Button
                variant="contained"
                disabled={chosen.length === 0}
                onClick={() => setConfirming(true)}
              >
                {t('assignments.suggest.accept')}
              </Button>
            </Box>
          </>
        )}
      </CardContent>
      {confirming && (
        <RebalanceDialog
          moves={chosen}
          onClose={() => setConfirming(false)}
          onDone={() => {
            setConfirming(false);
            onDone();
          }}
        />
      )}
    </Card>
  );
}

function RebalanceDialog(props: {
  moves: EditableMove[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(() => t('assignments.suggest.reasonDefault'));
  const [error, setError] = useState<string | null>(null);
  const save = useAction('assignments:rebalance', {
    done: (result) => t('assignments.done', { moved: result.moved }),
    onDone: props.onDone,
    failureTo: 'inline',
  });
  const cases = props.moves.reduce((sum, m) => sum + m.cases, 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = rebalanceInput.safeParse({
      moves: props.moves.map((m) => ({
        fromOfficerId: m.fromOfficerId,
        toOfficerId: m.toOfficerId,
        township: m.township,
        village: m.village,
      })),
      reason,
    });
    if (!checked.success) {
      setError('v.required');
      return;
    }
    setError(null);
    void save.run(checked.data);
  };
  return (
    <FormDialog
      title={t('assignments.suggest.dialog', { villages: props.moves.length, cases })}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={save.busy}
      failure={save.failure}
      submitLabel={t('assignments.submit')}
      maxWidth="sm"
    >
      <TextField
        required
        autoFocus
        label={t('assignments.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={error !== null}
        helperText={error ? t(error) : t('assignments.reasonHelp')}
        slotProps={{ htmlInput: { maxLength: 200 } }}
        fullWidth
        sx={{ mt: 1 }}
      />
    </FormDialog>
  );
}

function ImportRule() {
  const { t } = useTranslation();
  const rule = useChannel('assignments:importRule', {});
  const save = useAction('assignments:setImportRule', {
    done: t('assignments.importRule.saved'),
    onDone: (saved) => rule.setData(saved),
  });
  if (!rule.data) return null;
  return (
    <Card>
      <CardContent>
        <TextField
          select
          label={t('assignments.importRule.label')}
          value={rule.data.wins}
          disabled={save.busy}
          onChange={(e) =>
            void save.run({ wins: e.target.value as (typeof importOfficerRules)[number] })
          }
          fullWidth
        >
          {importOfficerRules.map((r) => (
            <MenuItem key={r} value={r}>
              {t(`assignments.importRule.${r}`)}
            </MenuItem>
          ))}
        </TextField>
      </CardContent>
    </Card>
  );
}
