import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import WorkspacePremiumIcon from '@mui/icons-material/WorkspacePremium';
import WarningIcon from '@mui/icons-material/WarningAmber';
import {
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  FormControlLabel,
  IconButton,
  LinearProgress,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { StaffRow } from '../../../../electron/shared/schemas/staff';
import { useCan } from '../../app/session';
import { useToast } from '../../components/Toasts';
import { useAction } from '../../components/useAction';
import { CertificateDialog, LeaveDialog, StaffFormDialog } from './StaffDialogs';
import { useStaffList } from '../../components/staff';

/** A row's action: an icon named by its tooltip (and to screen readers), so three fit one line. */
function RowAction(props: { label: string; icon: ReactNode; onClick: () => void }) {
  return (
    <Tooltip title={props.label}>
      <IconButton size="small" aria-label={props.label} onClick={props.onClick}>
        {props.icon}
      </IconButton>
    </Tooltip>
  );
}

type Dialogs =
  | { kind: 'staff'; row: StaffRow | null }
  | { kind: 'certificate'; row: StaffRow }
  | { kind: 'leave'; row: StaffRow }
  | null;

/**
 * Staff and their training: who may go on visits. A certificate running out within 30 days is
 * flagged, an expired one struck through; sign-in accounts live in Settings.
 */
export function StaffCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const manage = useCan('staff.manage');
  const [includeInactive, setIncludeInactive] = useState(false);
  const { staff, reload } = useStaffList(includeInactive);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const saved = (message: string) => {
    setDialog(null);
    toast(message);
    reload();
  };
  const removal = useAction('staff:removeLeave', {
    onDone: () => saved(t('staff.leaveRemoved')),
  });
  const removeLeave = (row: StaffRow, date: string) => removal.run({ staffId: row.id, date });

  return (
    <Card>
      <CardHeader
        title={t('staff.title')}
        subheader={t('staff.help')}
        sx={{ flexWrap: 'wrap', rowGap: 1, '& .MuiCardHeader-action': { alignSelf: 'center' } }}
        action={
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'nowrap' }}>
            <FormControlLabel
              control={
                <Switch
                  checked={includeInactive}
                  onChange={(e) => setIncludeInactive(e.target.checked)}
                />
              }
              label={t('staff.showInactive')}
              sx={{ whiteSpace: 'nowrap' }}
            />
            {manage && (
              <Button
                startIcon={<ManageAccountsIcon />}
                sx={{ whiteSpace: 'nowrap' }}
                onClick={() => void navigate('/settings')}
              >
                {t('staff.accounts')}
              </Button>
            )}
            {manage && (
              <Button
                variant="contained"
                startIcon={<AddIcon />}
                sx={{ whiteSpace: 'nowrap' }}
                onClick={() => setDialog({ kind: 'staff', row: null })}
              >
                {t('staff.create')}
              </Button>
            )}
          </Stack>
        }
      />
      {staff === null && <LinearProgress />}
      <CardContent>
        {staff && staff.length === 0 && (
          <Typography color="text.secondary">{t('staff.empty')}</Typography>
        )}
        {staff && staff.length > 0 && (
          <Table
            size="small"
            aria-label={t('staff.title')}
            sx={{ '& th, & td:nth-of-type(-n+5)': { whiteSpace: 'nowrap' } }}
          >
            <TableHead>
              <TableRow>
                <TableCell>{t('staff.staffNo')}</TableCell>
                <TableCell>{t('staff.name')}</TableCell>
                <TableCell>{t('staff.role')}</TableCell>
                <TableCell>{t('staff.phone')}</TableCell>
                <TableCell>{t('staff.active')}</TableCell>
                <TableCell>{t('staff.certificates')}</TableCell>
                <TableCell>{t('staff.leave')}</TableCell>
                {manage && <TableCell align="right">{t('staff.actions')}</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {staff.map((row) => (
                <TableRow key={row.id} data-testid={`staff-${row.staffNo}`}>
                  <TableCell>{row.staffNo}</TableCell>
                  <TableCell>
                    {row.name}
                    {row.hasAccount && (
                      <Chip
                        size="small"
                        variant="outlined"
                        label={t('staff.hasAccount')}
                        sx={{ ml: 1 }}
                      />
                    )}
                  </TableCell>
                  <TableCell>{t(`role.${row.role}`)}</TableCell>
                  <TableCell>{row.phone || '—'}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={row.active ? 'success' : 'default'}
                      label={row.active ? t('staff.yes') : t('staff.no')}
                    />
                  </TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                      {row.certificates.length === 0 && (
                        <Chip size="small" color="warning" label={t('staff.notCertified')} />
                      )}
                      {row.certificates.map((c) => (
                        <Chip
                          key={c.id}
                          size="small"
                          color={c.expired ? 'default' : c.expiringSoon ? 'warning' : 'success'}
                          variant={c.expired ? 'outlined' : 'filled'}
                          icon={c.expiringSoon ? <WarningIcon /> : undefined}
                          sx={{
                            // A long certificate line wraps inside its chip, not past the card.
                            height: 'auto',
                            py: 0.25,
                            '& .MuiChip-label': { whiteSpace: 'normal' },
                            ...(c.expired ? { textDecoration: 'line-through' } : {}),
                          }}
                          label={t(
                            c.expired
                              ? 'staff.certificateExpired'
                              : c.expiringSoon
                                ? 'staff.certificateSoon'
                                : 'staff.certificateValid',
                            {
                              kind: t(`certificateKind.${c.kind}`),
                              number: c.number,
                              date: c.expiresOn,
                            },
                          )}
                        />
                      ))}
                    </Stack>
                  </TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                      {row.upcomingLeave.map((l) => (
                        <Chip
                          key={l.date}
                          size="small"
                          label={l.reason ? `${l.date} ${l.reason}` : l.date}
                          {...(manage ? { onDelete: () => void removeLeave(row, l.date) } : {})}
                        />
                      ))}
                    </Stack>
                  </TableCell>
                  {manage && (
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap', width: '1%' }}>
                      <RowAction
                        label={t('staff.edit')}
                        icon={<EditIcon fontSize="small" />}
                        onClick={() => setDialog({ kind: 'staff', row })}
                      />
                      <RowAction
                        label={t('staff.addCertificate')}
                        icon={<WorkspacePremiumIcon fontSize="small" />}
                        onClick={() => setDialog({ kind: 'certificate', row })}
                      />
                      <RowAction
                        label={t('staff.addLeave')}
                        icon={<EventBusyIcon fontSize="small" />}
                        onClick={() => setDialog({ kind: 'leave', row })}
                      />
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {dialog?.kind === 'staff' && (
        <StaffFormDialog
          row={dialog.row}
          onClose={() => setDialog(null)}
          onSaved={() => saved(t('common.saved'))}
        />
      )}
      {dialog?.kind === 'certificate' && (
        <CertificateDialog
          row={dialog.row}
          onClose={() => setDialog(null)}
          onSaved={() => saved(t('staff.certificateAdded'))}
        />
      )}
      {dialog?.kind === 'leave' && (
        <LeaveDialog
          row={dialog.row}
          onClose={() => setDialog(null)}
          onSaved={(_row, conflicts) =>
            conflicts > 0
              ? (setDialog(null),
                toast(t('staff.leaveConflicts', { count: conflicts }), 'warning'),
                reload())
              : saved(t('staff.leaveAdded'))
          }
        />
      )}
    </Card>
  );
}
