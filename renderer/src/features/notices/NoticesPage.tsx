import { Box, Tab, Tabs } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session';
import { Page } from '../../components/Page';
import { BatchPrintCard } from './BatchPrintCard';
import { LettersCard } from './LettersCard';
import { PrintLogCard } from './PrintLogCard';
import { TemplateEditor } from './TemplateEditor';

type NoticesTab = 'batch' | 'letters' | 'log' | 'templates';

/** Printing: a day's notices, letters for chosen borrowers, the print log, the templates. */
export function NoticesPage() {
  const { t } = useTranslation();
  const canPrint = useCan('notices.print');
  const [tab, setTab] = useState<NoticesTab>(canPrint ? 'batch' : 'log');
  return (
    <Page title={t('notices.title')}>
      <Tabs value={tab} onChange={(_e, value: NoticesTab) => setTab(value)} sx={{ mb: 2 }}>
        {canPrint && <Tab value="batch" label={t('notices.tab.batch')} />}
        {canPrint && <Tab value="letters" label={t('notices.tab.letters')} />}
        <Tab value="log" label={t('notices.tab.log')} />
        <Tab value="templates" label={t('notices.tab.templates')} />
      </Tabs>
      <Box>
        {tab === 'batch' && <BatchPrintCard />}
        {tab === 'letters' && <LettersCard />}
        {tab === 'log' && <PrintLogCard />}
        {tab === 'templates' && <TemplateEditor />}
      </Box>
    </Page>
  );
}
