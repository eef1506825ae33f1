import AddLinkIcon from '@mui/icons-material/AddLink';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DataLocation,
  DeskView,
  EnrolmentCode,
} from '../../../../electron/shared/schemas/desks';
import { useCanCall } from '../../app/session';
import { formatWhen } from '../../components/format';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { Fingerprint } from './DataLocationCard';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/**
 * The manager's desks (issue 20): the PCs enrolled with the branch server, a one-time code to
 * enrol another, and revoking one, which cuts it off at once.
 */
export function DesksCard() {
  const allowed = useCanCall('desks:list');
  return allowed ? <DesksList /> : null;
}

function DesksList() {
  const { t } = useTranslation();
  // A desk that enrols with a code made here shows up without asking.
  const list = useChannel('desks:list', {}, { live: true });
  const location = useChannel('desks:location', {}, { failure: 'quiet' }).data;
  const thisDesk = location?.kind === 'branchServer' ? location.deskId : null;
  const rows = list.data;
  const [made, setMade] = useState<EnrolmentCode | null>(null);
  const [revoking, setRevoking] = useState<DeskView | null>(null);
  const makeCode = useAction('desks:createCode', { onDone: setMade });
  const revoke = useAction('desks:revoke', {
    done: (desk) => t('desks.revoked', { name: desk.name }),
    onDone: () => {
      setRevoking(null);
      list.reload();
    },
  });

  return (
    <Card>
      <CardHeader
        title={t('desks.title')}
        subheader={t('desks.subtitle')}
        action={
          <Button
            variant="outlined"
            startIcon={<AddLinkIcon />}
            disabled={makeCode.busy}
            onClick={() => void makeCode.run({})}
          >
            {t('desks.makeCode')}
          </Button>
        }
      />
      {rows === null && <LinearProgress />}
      <CardContent>
        {rows && rows.length === 0 && (
          <Typography color="text.secondary">{t('desks.none')}</Typography>
        )}
        {rows && rows.length > 0 && (
          <Table size="small" aria-label={t('desks.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('desks.name')}</TableCell>
                <TableCell>{t('desks.enrolledAt')}</TableCell>
                <TableCell>{t('desks.codeBy')}</TableCell>
                <TableCell>{t('desks.status')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((desk) => (
                <TableRow key={desk.id}>
                  <TableCell>
                    {desk.name}
                    {desk.id === thisDesk && (
                      <Chip size="small" label={t('desks.thisDesk')} sx={{ ml: 1 }} />
                    )}
                  </TableCell>
                  <TableCell>{formatWhen(desk.enrolledAt)}</TableCell>
                  <TableCell>{desk.codeBy}</TableCell>
                  <TableCell>
                    {desk.revokedAt ? (
                      <Typography variant="body2" color="text.secondary">
                        {t('desks.revokedOn', {
                          at: formatWhen(desk.revokedAt),
                          by: desk.revokedBy ?? '',
                        })}
                      </Typography>
                    ) : (
                      <Chip size="small" color="success" label={t('desks.active')} />
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {!desk.revokedAt && desk.id !== thisDesk && (
                      <Button size="small" color="error" onClick={() => setRevoking(desk)}>
                        {t('desks.revoke')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {made && <CodeDialog code={made} location={location} onClose={() => setMade(null)} />}
      {revoking && (
        <ConfirmDialog
          title={t('desks.revokeTitle', { name: revoking.name })}
          confirmLabel={t('desks.revoke')}
          danger
          busy={revoke.busy}
          onCancel={() => setRevoking(null)}
          onConfirm={() => void revoke.run({ deskId: revoking.id })}
        >
          {t('desks.revokeText')}
        </ConfirmDialog>
      )}
    </Card>
  );
}

/**
 * The code, shown this once in large type, with its expiry and the fingerprint the manager
 * reads out, so the person at the new PC pins the right server. A stray click outside does not
 * close it.
 */
function CodeDialog(props: {
  code: EnrolmentCode;
  location: DataLocation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { code, location } = props;
  return (
    <Dialog
      open
      maxWidth="sm"
      fullWidth
      onClose={(_event, reason) => reason !== 'backdropClick' && props.onClose()}
    >
      <DialogTitle>{t('desks.code.title')}</DialogTitle>
      <DialogContent>
        <Typography
          data-testid="enrolment-code"
          sx={{
            fontFamily: 'monospace',
            fontSize: 40,
            letterSpacing: 4,
            textAlign: 'center',
            my: 2,
          }}
        >
          {code.code}
        </Typography>
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('desks.code.once', { expires: formatWhen(code.expiresAt) })}
        </Alert>
        {location?.kind === 'branchServer' ? (
          <>
            <DialogContentText sx={{ mb: 1 }}>{t('desks.code.readFingerprint')}</DialogContentText>
            <Fingerprint value={location.fingerprint} large />
          </>
        ) : (
          <DialogContentText>{t('desks.code.readServerFingerprint')}</DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={props.onClose} autoFocus>
          {t('desks.code.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
