import { Button, Card, CardContent, CardHeader } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanCall } from '../../app/session';
import { todayIso } from '../../components/format';
import { useChannel } from '../../components/useChannel';
import { WaiverDialog } from './WaiverDialog';
import { WaiversTab } from './WaiversTab';

/**
 * On a visit record: the waivers and settlements proposed on it, and the way to propose one
 * (the borrower's loans are read when the form opens).
 */
export function RecordWaivers(props: {
  borrowerId: number;
  borrowerName: string;
  recordId: number;
  recordIds: readonly number[];
}) {
  const { t } = useTranslation();
  const canPropose = useCanCall('waivers:propose');
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const page = useChannel('cases:get', open ? { borrowerId: props.borrowerId } : null);
  return (
    <Card>
      <CardHeader
        title={t('waivers.fromRecord')}
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={canPropose && <Button onClick={() => setOpen(true)}>{t('waivers.propose')}</Button>}
      />
      <CardContent sx={{ pt: 0 }}>
        <WaiversTab
          borrowerId={props.borrowerId}
          visitRecordIds={props.recordIds}
          label={t('waivers.fromRecord')}
          version={version}
        />
      </CardContent>
      {open && page.data && (
        <WaiverDialog
          borrowerId={props.borrowerId}
          borrowerName={props.borrowerName}
          loans={page.data.loans}
          visitRecordId={props.recordId}
          today={page.data.asOf || todayIso()}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </Card>
  );
}
