import AddIcon from '@mui/icons-material/Add';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Link,
  Tab,
  Tabs,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import type { CasePage as CasePageData } from '../../../../electron/shared/schemas/cases';
import type { VisitDetail } from '../../../../electron/shared/schemas/planning';
import { ApiError } from '../../api';
import { useCan } from '../../app/session';
import { errorMessage } from '../../components/error-text';
import { useChannel } from '../../components/useChannel';
import { CaseActions } from './CaseActions';
import { CaseHeader } from './CaseHeader';
import { ReassignCaseButton } from '../assignments/ReassignButtons';
import { ComplaintsTab } from './ComplaintsTab';
import { ContactsTab } from './ContactsTab';
import { AssessmentDialog, ContactDialog } from './HouseholdDialogs';
import { HouseholdTab } from './HouseholdTab';
import { LoansTab } from './LoansTab';
import { NoticesTab } from './NoticesTab';
import { TimelineTab } from './TimelineTab';
import { ElderlyFlag } from '../planning/ElderlyFlag';
import { RecordViolationsAlert } from '../records/RecordViolationsAlert';
import { WaiversTab } from '../waivers/WaiversTab';

const tabs = [
  'loans',
  'timeline',
  'household',
  'contacts',
  'complaints',
  'waivers',
  'notices',
] as const;
type TabName = (typeof tabs)[number];
type DialogName = 'assessment' | 'contact' | null;

/** Everything about one borrower on one screen: header facts, then tabs. */
export function CasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const borrowerId = Number(params.id);
  const canWrite = useCan('cases.write');
  const valid = Number.isInteger(borrowerId) && borrowerId > 0;
  // The shell remounts this page for another address, so one borrower per mount.
  const loaded = useChannel('cases:get', valid ? { borrowerId } : null, {
    // A borrower who is not there gets the page that says so, not a toast.
    explain: (error, t) => (isNotFound(error) ? null : errorMessage(error, t)),
    // Another desk's visit, record or payment for this borrower shows here too.
    live: true,
  });
  const page = loaded.data;
  const load = loaded.reload;
  const missing = !valid || isNotFound(loaded.error);
  const [tab, setTab] = useState<TabName>('loans');
  const [dialog, setDialog] = useState<DialogName>(null);
  const [planned, setPlanned] = useState<VisitDetail | null>(null);
  // Bumped after an action in the header, so the open tab reads its own list again.
  const [version, setVersion] = useState(0);

  const changed = () => {
    setVersion((v) => v + 1);
    load();
  };
  const saved = () => {
    setDialog(null);
    changed();
  };

  const back = (
    <Button startIcon={<ArrowBackIcon />} onClick={() => void navigate(-1)} sx={{ mb: 1 }}>
      {t('cases.case.back')}
    </Button>
  );

  if (missing) {
    return (
      <Box sx={{ p: 3 }}>
        {back}
        <Alert severity="warning">{t('cases.case.notFound')}</Alert>
      </Box>
    );
  }
  if (!page) {
    return <LinearProgress aria-label={t('common.loading')} />;
  }

  const actions = (
    <CaseActions
      page={page}
      onChanged={changed}
      onPlanned={(visit) => {
        setPlanned(visit);
        changed();
      }}
    />
  );

  const tabAction =
    canWrite && tab === 'household' ? (
      <Button startIcon={<AddIcon />} onClick={() => setDialog('assessment')}>
        {t('cases.case.addAssessment')}
      </Button>
    ) : canWrite && tab === 'contacts' ? (
      <Button startIcon={<AddIcon />} onClick={() => setDialog('contact')}>
        {t('cases.case.addContact')}
      </Button>
    ) : null;

  return (
    <Box sx={{ p: 3, maxWidth: 1400 }}>
      {back}
      <CaseHeader
        page={page}
        actions={actions}
        officerAction={
          <ReassignCaseButton
            borrowerId={page.borrower.id}
            currentName={page.header.officer?.name ?? null}
            onDone={changed}
          />
        }
      />
      {planned && (
        <Alert
          severity="success"
          sx={{ mb: 2 }}
          onClose={() => setPlanned(null)}
          data-testid="case-planned"
        >
          {t('cases.actions.planned', {
            date: planned.date,
            start: planned.start,
            end: planned.end,
          })}{' '}
          <Link
            component={RouterLink}
            to={`/calendar?view=timeGridWeek&date=${planned.date}&visit=${planned.id}`}
          >
            {t('cases.actions.showInCalendar')}
          </Link>
        </Alert>
      )}
      <ElderlyFlag borrowerId={borrowerId} onChanged={load} />
      <RecordViolationsAlert borrowerId={borrowerId} />
      <Card>
        <Box
          sx={{ display: 'flex', alignItems: 'center', borderBottom: 1, borderColor: 'divider' }}
        >
          <Tabs
            value={tab}
            onChange={(_e, value: TabName) => setTab(value)}
            sx={{ flex: 1 }}
            variant="scrollable"
          >
            {tabs.map((name) => (
              <Tab key={name} value={name} label={tabLabel(name, page, t)} />
            ))}
          </Tabs>
          <Box sx={{ pr: 2 }}>{tabAction}</Box>
        </Box>
        <CardContent key={version}>
          {tab === 'loans' && <LoansTab loans={page.loans} />}
          {tab === 'timeline' && <TimelineTab entries={page.timeline} />}
          {tab === 'household' && (
            <HouseholdTab borrower={page.borrower} assessments={page.assessments} />
          )}
          {tab === 'contacts' && <ContactsTab borrowerId={borrowerId} contacts={page.contacts} />}
          {tab === 'complaints' && (
            <ComplaintsTab borrowerId={borrowerId} today={page.asOf} onChanged={load} />
          )}
          {tab === 'waivers' && <WaiversTab borrowerId={borrowerId} onChanged={load} />}
          {tab === 'notices' && <NoticesTab page={page} onChanged={load} />}
        </CardContent>
      </Card>
      {dialog === 'assessment' && (
        <AssessmentDialog
          borrowerId={borrowerId}
          today={page.asOf}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
      {dialog === 'contact' && (
        <ContactDialog borrowerId={borrowerId} onClose={() => setDialog(null)} onSaved={saved} />
      )}
    </Box>
  );
}

const isNotFound = (error: unknown) =>
  error instanceof ApiError && error.error.code === 'NOT_FOUND';

function tabLabel(name: TabName, page: CasePageData, t: (key: string) => string): string {
  const count =
    name === 'loans'
      ? page.loans.length
      : name === 'timeline'
        ? page.timeline.length
        : name === 'household'
          ? page.assessments.length
          : name === 'contacts'
            ? page.contacts.length
            : name === 'complaints'
              ? page.timeline.filter((e) => e.type === 'complaint' && e.event === 'received').length
              : null;
  return count ? `${t(`cases.case.tab.${name}`)} (${count})` : t(`cases.case.tab.${name}`);
}
