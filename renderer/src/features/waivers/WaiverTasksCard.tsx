import { Card, CardContent, CardHeader, Chip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../components/useChannel';
import { WaiversTable } from './WaiversTable';

/** The tasks page's card: proposals waiting for the signed-in approver's approval. */
export function WaiverTasksCard() {
  const { t } = useTranslation();
  const read = useChannel('waivers:awaitingMe', {});
  const rows = read.data ?? [];
  const title = t('waivers.tasks');
  return (
    <Card component="section" aria-label={title}>
      <CardHeader
        title={title}
        action={
          <Chip label={read.data ? rows.length : '…'} color={rows.length ? 'primary' : 'default'} />
        }
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {read.data && rows.length === 0 ? (
          <Typography color="text.secondary">{t('waivers.tasksEmpty')}</Typography>
        ) : (
          <WaiversTable waivers={rows} label={title} showBorrower onChanged={read.reload} />
        )}
      </CardContent>
    </Card>
  );
}
