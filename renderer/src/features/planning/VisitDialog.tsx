import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { todayIso } from '../../components/format';
import { visitVersionFields, type VisitDetail } from '../../../../electron/shared/schemas/planning';
import { ApiError, call } from '../../api';
import { useCan } from '../../app/session';
import { errorMessage } from '../../components/error-text';
import {
  changedFields,
  EditedElsewhere,
  staleOf,
  type Stale,
} from '../../components/EditedElsewhere';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { RescheduleForm } from './RescheduleForm';
import { ViolationList } from './ViolationList';
import { ruleRefusal, type RuleRefusal } from './refusals';
import { listJoin, withAside } from '../../components/punctuation';
import { staffLabelIn } from '../../components/staff';
import { useTextLang } from '../../components/text-lang';

type Mode = 'view' | 'cancel' | 'reschedule';

/**
 * One change sent from the dialog: `work` sends it as started from `version` (the visit's
 * version it was made on), which a reschedule or cancel passes on and the core checks.
 */
interface Step {
  work: (version: string) => Promise<VisitDetail>;
  done: string;
  version: string;
}

/** Each field a visit's version covers, by the label the dialog shows it under. */
const versionFieldLabel: Record<(typeof visitVersionFields)[number], string> = {
  date: 'visitPlan.date',
  start: 'visitPlan.start',
  end: 'visitPlan.end',
  staff: 'visitPlan.staff',
  loanIds: 'visitLoans.label',
  purpose: 'visitPlan.purpose',
  priority: 'visitPlan.priority',
  note: 'visitPlan.note',
  purposeReason: 'visitView.purposeReason',
  borrowerRequested: 'visitView.borrowerRequested',
  place: 'visitView.place',
  placeNote: 'visitView.place',
  disclosureRisk: 'visitView.disclosureRisk',
  status: 'visitView.status',
  statusNote: 'visitView.statusNote',
  noticeStatus: 'visitView.notice',
  noticeAt: 'visitView.notice',
  override: 'visitView.overridden',
  overrideProposal: 'visitView.overrideProposed',
  approval: 'visitView.approval',
};

/** One visit opened from the calendar: its facts, and what may still be done with it. */
export function VisitDialog(props: {
  visitId: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const canPlan = useCan('visits.plan');
  const canRecord = useCan('visits.record');
  const manager = useCan('visits.override');
  const loaded = useChannel('planning:visit', { id: props.visitId });
  const visit = loaded.data;
  const [mode, setMode] = useState<Mode>('view');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<RuleRefusal | null>(null);
  // Another desk changed the visit after it was loaded here: what it is now, and the change to
  // send again over it if the user says so.
  const [stale, setStale] = useState<{ facts: Stale<VisitDetail>; step: Step } | null>(null);

  // Every change answers with the visit as it now stands; a refusal shows the rules it broke.
  const change = useAction((step: Step) => step.work(step.version), {
    done: (_visit, step) => step.done,
    onDone: (next) => {
      loaded.setData(next);
      setMode('view');
      props.onChanged();
    },
    onFailed: (error, step) => {
      const facts = staleOf<VisitDetail>(error);
      if (facts) setStale({ facts, step });
    },
    explain: (error, t) => {
      if (staleOf(error)) return null;
      const refused = ruleRefusal(error);
      if (refused) {
        setRefusal(refused);
        return null;
      }
      // A refusal that names its reason (e.g. approving one's own request) says it in words.
      const reason = error instanceof ApiError ? error.error.fields?._ : undefined;
      return reason ? t(reason) : errorMessage(error, t);
    },
  });
  const busy = change.busy;
  const send = (step: Step) => {
    setRefusal(null);
    setStale(null);
    return change.run(step);
  };
  // Sent as made on the visit shown: its version, which the core checks for those that take it.
  const act = (work: (version: string) => Promise<VisitDetail>, done: string) =>
    visit && send({ work, done, version: visit.version });
  // The user's change is kept (the form stays as typed) until they choose.
  const takeTheirs = (facts: Stale<VisitDetail>) => {
    loaded.setData(facts.current);
    setStale(null);
    setRefusal(null);
    setMode('view');
    setReason('');
    props.onChanged();
  };
  // A changed status is named with what it now is: the dialog still shows the one loaded.
  const changedLabels = (facts: Stale<VisitDetail>) =>
    visit
      ? [
          ...new Set(
            changedFields(visit, facts.current, visitVersionFields).map((field) =>
              field === 'status'
                ? t('visitView.statusNow', { status: t(`visitStatus.${facts.current.status}`) })
                : t(versionFieldLabel[field]),
            ),
          ),
        ]
      : [];

  const isOpen = (v: VisitDetail) => v.status === 'planned' || v.status === 'notified';
  const open = visit && isOpen(visit);
  // Refused as stale, and the visit has since left planned or notified: it takes no change,
  // so only its latest can be loaded.
  const staleClosed = stale !== null && !isOpen(stale.facts.current);
  const awaiting = visit?.approval.needed && visit.approval.at === null;
  const row = (label: string, value: ReactNode) => (
    <TableRow>
      <TableCell component="th" sx={{ width: 140, color: 'text.secondary' }}>
        {label}
      </TableCell>
      <TableCell>{value}</TableCell>
    </TableRow>
  );

  return (
    <Dialog open onClose={props.onClose} maxWidth="sm" fullWidth>
      <DialogTitle>
        {visit ? t('visitView.title', { name: visit.borrowerName }) : t('common.loading')}
      </DialogTitle>
      {!visit && <LinearProgress />}
      {visit && (
        <DialogContent>
          <Table size="small" aria-label={t('visitView.details')}>
            <TableBody>
              {row(t('visitView.when'), `${visit.date} ${visit.start}–${visit.end}`)}
              {row(
                t('visitView.status'),
                <Stack direction="row" spacing={1}>
                  <Chip size="small" label={t(`visitStatus.${visit.status}`)} />
                  {awaiting && (
                    <Chip size="small" color="warning" label={t('visitView.awaitingApproval')} />
                  )}
                  {visit.override && (
                    <Chip size="small" color="secondary" label={t('visitView.overridden')} />
                  )}
                  {visit.override?.selfApproved && (
                    <Chip
                      size="small"
                      color="warning"
                      variant="outlined"
                      label={t('visitView.selfApproved')}
                    />
                  )}
                  {visit.overrideProposal && (
                    <Chip size="small" color="warning" label={t('visitView.overrideProposed')} />
                  )}
                  {visit.approval.selfApproved && (
                    <Chip
                      size="small"
                      color="warning"
                      variant="outlined"
                      label={t('visitView.approvalSelf')}
                    />
                  )}
                </Stack>,
              )}
              {row(
                t('visitView.place'),
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <span>
                    {[
                      withAside(t(`visitPlace.${visit.place ?? 'home'}`), visit.placeNote, lang),
                      [visit.township, visit.village].filter(Boolean).join(' · '),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  {visit.disclosureRisk && (
                    <Chip size="small" color="warning" label={t('visitView.disclosureRisk')} />
                  )}
                </Stack>,
              )}
              {row(t('visitPlan.staff'), listJoin(visit.staff.map(staffLabelIn(lang)), lang))}
              {row(t('visitPlan.purpose'), t(`visitPurpose.${visit.purpose}`))}
              {visit.purposeReason && row(t('visitView.purposeReason'), visit.purposeReason)}
              {row(t('visitPlan.priority'), t(`visitPriority.${visit.priority}`))}
              {row(
                t('visitView.notice'),
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <span>
                    {`${t(`noticeStatus.${visit.noticeStatus}`)}${visit.noticeAt ? ` · ${new Date(visit.noticeAt).toLocaleString(lang === 'en' ? 'en' : 'zh-CN')}` : ''}`}
                  </span>
                  {visit.noticeProblem && (
                    <Chip
                      size="small"
                      color="error"
                      data-testid="notice-problem"
                      label={t(`visitView.noticeProblem.${visit.noticeProblem}`)}
                    />
                  )}
                </Stack>,
              )}
              {visit.override && row(t('visitView.overrideReason'), visit.override.reason)}
              {visit.overrideProposal &&
                row(t('visitView.overrideReason'), visit.overrideProposal.reason)}
              {visit.statusNote && row(t('visitView.statusNote'), visit.statusNote)}
              {visit.note && row(t('visitPlan.note'), visit.note)}
            </TableBody>
          </Table>
          {mode === 'cancel' && (
            <TextField
              label={t('visitView.cancelReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              fullWidth
              autoFocus
              sx={{ mt: 2 }}
            />
          )}
          {mode === 'reschedule' && (
            <RescheduleForm
              visit={visit}
              manager={manager}
              refusal={refusal}
              busy={busy}
              onCancel={() => {
                setMode('view');
                setStale(null);
              }}
              onSubmit={(input) =>
                void act(
                  (version) => call('planning:reschedule', { ...input, version }),
                  t('visitView.rescheduled'),
                )
              }
            />
          )}
          {mode !== 'reschedule' && refusal && (
            <ViolationList
              violations={refusal.violations}
              severity="error"
              title={t('visitPlan.refusedTitle')}
            />
          )}
          {stale && (
            <Box sx={{ mt: 2 }}>
              <EditedElsewhere
                stale={stale.facts}
                changed={changedLabels(stale.facts)}
                busy={busy}
                onTakeTheirs={() => takeTheirs(stale.facts)}
                // A visit since rescheduled, cancelled or recorded: the alert says why.
                onKeepMine={
                  staleClosed
                    ? undefined
                    : () => void send({ ...stale.step, version: stale.facts.version })
                }
                note={
                  staleClosed
                    ? t('visitView.staleClosed', {
                        status: t(`visitStatus.${stale.facts.current.status}`),
                      })
                    : undefined
                }
              />
            </Box>
          )}
          {!open && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {t('visitView.closed')}
            </Alert>
          )}
        </DialogContent>
      )}
      <DialogActions>
        {visit && open && canPlan && mode === 'view' && (
          <>
            {manager && awaiting && (
              <Button
                disabled={busy}
                onClick={() =>
                  void act(
                    () => call('planning:approveVisit', { id: visit.id }),
                    t('visitView.approved'),
                  )
                }
              >
                {t('visitView.approve')}
              </Button>
            )}
            {!awaiting && (visit.noticeStatus === 'none' || visit.noticeProblem) && (
              <Button
                disabled={busy}
                onClick={() =>
                  void act(
                    () => call('planning:recordNotice', { id: visit.id, status: 'phoned' }),
                    t('visitView.noticeRecorded'),
                  )
                }
              >
                {visit.noticeStatus === 'none'
                  ? t('visitView.recordPhoned')
                  : t('visitView.recordPhonedAgain')}
              </Button>
            )}
            <Button onClick={() => setMode('reschedule')}>{t('visitView.reschedule')}</Button>
            <Button color="error" onClick={() => setMode('cancel')}>
              {t('visitView.cancel')}
            </Button>
          </>
        )}
        {visit && mode === 'cancel' && (
          <Button
            color="error"
            variant="contained"
            disabled={busy || reason.trim().length === 0 || staleClosed}
            onClick={() =>
              void act(
                (version) => call('planning:cancelVisit', { id: visit.id, reason, version }),
                t('visitView.cancelled'),
              )
            }
          >
            {t('visitView.confirmCancel')}
          </Button>
        )}
        {/* A visit whose day has come is recorded from here too, for whoever went. */}
        {visit && open && canRecord && mode === 'view' && visit.date <= todayIso() && (
          <Button variant="contained" component={RouterLink} to={`/visits/record/${visit.id}`}>
            {t('visits.tasks.record')}
          </Button>
        )}
        <Button onClick={props.onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
