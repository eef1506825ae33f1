import { Button, Card, CardContent, CardHeader, Chip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useChannel } from '../../components/useChannel';
import { CashHoldersTable } from './CashPage';

/**
 * The manager's to-do: visit money past the day it was due at the branch (the next working
 * day after it was taken), per officer and day, with the way to the hand-in screen.
 */
export function LateCashCard() {
  const { t } = useTranslation();
  const { data } = useChannel('records:cashHolders', {});
  const late = (data ?? []).filter((h) => h.late);
  const title = t('cash.flag.title');
  return (
    <Card component="section" aria-label={title}>
      <CardHeader
        title={title}
        subheader={late.length > 0 ? t('cash.flag.help') : undefined}
        action={
          <>
            <Chip label={data ? late.length : '…'} color={late.length ? 'error' : 'default'} />
            <Button size="small" component={RouterLink} to="/visits/cash" sx={{ ml: 1 }}>
              {t('cash.open')}
            </Button>
          </>
        }
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {data && late.length === 0 ? (
          <Typography color="text.secondary">{t('cash.flag.empty')}</Typography>
        ) : (
          <CashHoldersTable holders={late} label={title} />
        )}
      </CardContent>
    </Card>
  );
}
