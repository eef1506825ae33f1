import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, LinearProgress, Link, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import type { RecordDraft, RecordHistory } from '../../../../electron/shared/schemas/records-views';
import { useCan } from '../../app/session';
import { todayIso } from '../../components/format';
import { Page } from '../../components/Page';
import { useChannel } from '../../components/useChannel';
import { amendDefaults, draftDefaults } from './form-values';
import { OutcomeForm } from './OutcomeForm';
import { RecordView } from './RecordView';
import { RecordWaivers } from '../waivers/RecordWaivers';

function Header({ draft }: { draft: RecordDraft }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="h6" component="p">
        <Link component={RouterLink} to={`/cases/${draft.borrowerId}`}>
          {draft.borrowerName}
        </Link>
      </Typography>
      <Typography color="text.secondary">
        {t('visits.form.planned', { date: draft.date, start: draft.start, end: draft.end })}
      </Typography>
    </Box>
  );
}

/** /visits/record/:visitId — record the outcome of a planned visit. */
export function RecordOutcomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const visitId = Number(useParams().visitId);
  const { data: draft, failure: error } = useChannel(
    'records:draft',
    { visitId },
    { failure: 'inline' },
  );
  return (
    <Page title={t('visits.form.title')}>
      {error && <Alert severity="error">{error}</Alert>}
      {!draft && !error && <LinearProgress />}
      {draft && <Header draft={draft} />}
      {draft?.recordId && (
        <Alert severity="info">
          {t('visits.form.alreadyRecorded')}{' '}
          <Link component={RouterLink} to={`/visits/records/${draft.recordId}`}>
            {t('visits.tasks.openRecord')}
          </Link>
        </Alert>
      )}
      {draft && !draft.recordId && (
        <OutcomeForm
          mode="record"
          draft={draft}
          // Today on this PC; the core checks dates against the branch's own today.
          defaults={draftDefaults(draft, todayIso())}
          onSaved={(saved) =>
            void navigate(`/visits/records/${saved.effective.id}`, { state: { justSaved: true } })
          }
          onCancel={() => void navigate('/visits')}
        />
      )}
    </Page>
  );
}

/** /visits/records/:id — the record with its amendments; /visits/records/:id/amend. */
export function RecordPage({ amend = false }: { amend?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const canRecord = useCan('visits.record');
  const id = Number(useParams().id);
  const [saved, setSaved] = useState<RecordHistory | null>(null);
  const record = useChannel(
    'records:get',
    { id },
    { failure: 'inline', version: saved?.effective.id ?? null },
  );
  // The form's draft (what the visit was planned as) for who may amend.
  const visitId = record.data?.effective.visitId;
  const draftRead = useChannel(
    'records:draft',
    canRecord && visitId !== undefined ? { visitId } : null,
    { failure: 'inline' },
  );
  const loaded = {
    // Another visit's draft never stands in while this one's loads.
    data: record.data && { history: record.data, draft: draftRead.loading ? null : draftRead.data },
    error: record.failure ?? draftRead.failure,
  };
  const history = saved ?? loaded.data?.history ?? null;
  const justSaved = (location.state as { justSaved?: boolean } | null)?.justSaved === true;
  return (
    <Page
      title={amend ? t('visits.form.amendTitle') : t('visits.record.title')}
      actions={
        <Button startIcon={<ArrowBackIcon />} component={RouterLink} to="/visits">
          {t('visits.tasks.title')}
        </Button>
      }
    >
      {loaded.error && <Alert severity="error">{loaded.error}</Alert>}
      {!history && !loaded.error && <LinearProgress />}
      {history && justSaved && !amend && (
        <Alert severity="success" sx={{ mb: 2 }} role="status">
          {t('visits.record.saved')}
          {history.effective.receipt &&
            ` · ${t('visits.record.receiptNo', { no: history.effective.receipt.receiptNo })}`}
        </Alert>
      )}
      {history && !amend && (
        <Stack spacing={2}>
          <RecordView
            history={history}
            onAmend={
              canRecord
                ? () => void navigate(`/visits/records/${history.effective.id}/amend`)
                : null
            }
          />
          <RecordWaivers
            borrowerId={history.effective.borrowerId}
            borrowerName={history.effective.borrowerName}
            recordId={history.effective.id}
            recordIds={history.history.map((r) => r.id)}
          />
        </Stack>
      )}
      {history && amend && loaded.data?.draft && (
        <>
          <Header draft={loaded.data.draft} />
          <OutcomeForm
            mode="amend"
            draft={loaded.data.draft}
            defaults={amendDefaults(history.effective, loaded.data.draft)}
            onSaved={(next) => {
              setSaved(next);
              void navigate(`/visits/records/${next.effective.id}`, {
                state: { justSaved: true },
              });
            }}
            onCancel={() => void navigate(`/visits/records/${history.effective.id}`)}
          />
        </>
      )}
    </Page>
  );
}
