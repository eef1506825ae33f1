import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, LinearProgress, Link, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import type { RecordDraft, RecordHistory } from '../../../../electron/shared/schemas/records-views';
import { call } from '../../api';
import { useCan } from '../../app/session';
import { errorMessage } from '../../components/forms';
import { Page } from '../../components/Page';
import { amendDefaults, draftDefaults } from './form-values';
import { OutcomeForm } from './OutcomeForm';
import { RecordView } from './RecordView';

/** Today on this PC, YYYY-MM-DD (the core checks dates against the branch's own today). */
export function localToday(): string {
  return new Date().toLocaleDateString('sv');
}

function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ data: T | null; error: string | null }>({
    data: null,
    error: null,
  });
  useEffect(() => {
    let current = true;
    load()
      .then((data) => current && setState({ data, error: null }))
      .catch(
        (error: unknown) => current && setState({ data: null, error: errorMessage(error, t) }),
      );
    return () => {
      current = false;
    };
    // The caller lists what the load depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}

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
  const { data: draft, error } = useLoad(() => call('records:draft', { visitId }), [visitId]);
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
          defaults={draftDefaults(draft, localToday())}
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
  const loaded = useLoad(async () => {
    const history = await call('records:get', { id });
    const draft = canRecord
      ? await call('records:draft', { visitId: history.effective.visitId })
      : null;
    return { history, draft };
  }, [id, canRecord, saved]);
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
        <RecordView
          history={history}
          onAmend={
            canRecord ? () => void navigate(`/visits/records/${history.effective.id}/amend`) : null
          }
        />
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
