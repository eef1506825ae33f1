import { Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { AccountsCard } from './AccountsCard';
import { BackupCard } from './BackupCard';
import { BranchCard } from './BranchCard';
import { DataLocationCard } from '../desks/DataLocationCard';
import { DesksCard } from '../desks/DesksCard';
import { IntegrityCard } from './IntegrityCard';
import { RecordsSettingsCard } from './RecordsSettingsCard';
import { ReportBucketsCard } from './ReportBucketsCard';
import { WaiverSettingsCard } from '../waivers/WaiverSettingsCard';
import { RetentionCard } from './RetentionCard';
import { SecurityCard } from './SecurityCard';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('nav.settings')}>
      <Stack spacing={3}>
        <BranchCard />
        <DataLocationCard />
        <DesksCard />
        <SecurityCard />
        <AccountsCard />
        <RecordsSettingsCard />
        <WaiverSettingsCard />
        <ReportBucketsCard />
        <BackupCard />
        <IntegrityCard />
        <RetentionCard />
      </Stack>
    </Page>
  );
}
