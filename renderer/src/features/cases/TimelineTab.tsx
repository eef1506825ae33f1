import AssessmentIcon from '@mui/icons-material/Assessment';
import CallIcon from '@mui/icons-material/Call';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import MailIcon from '@mui/icons-material/Mail';
import PaymentsIcon from '@mui/icons-material/Payments';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import SmsIcon from '@mui/icons-material/Sms';
import StickyNote2Icon from '@mui/icons-material/StickyNote2';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Box,
  Chip,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../../../../electron/shared/schemas/cases';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import { formatWhen } from '../../components/format';
import { isShortfall, paymentSourceLines } from '../../components/payment-sources';
import { PrintReceiptButton } from '../notices/RecordPrintButtons';

const contactIcons: Record<string, ReactElement> = {
  call: <CallIcon color="primary" />,
  sms: <SmsIcon color="primary" />,
  visit: <DirectionsWalkIcon color="primary" />,
  letter: <MailIcon color="primary" />,
};

function iconOf(entry: TimelineEntry): ReactElement {
  switch (entry.type) {
    case 'contact':
      return contactIcons[entry.kind] ?? <CallIcon color="primary" />;
    case 'payment':
      return <PaymentsIcon color="success" />;
    case 'note':
      return <StickyNote2Icon color="action" />;
    case 'assessment':
      return <AssessmentIcon color="secondary" />;
    case 'complaint':
      return <ReportProblemIcon color={entry.event === 'closed' ? 'action' : 'warning'} />;
    case 'assignment':
      return <SwapHorizIcon color="info" />;
    case 'import':
      return <UploadFileIcon color="disabled" />;
  }
}

function titleOf(entry: TimelineEntry, t: TFunction): string {
  switch (entry.type) {
    case 'contact':
      return `${t(`cases.event.kind.${entry.kind}`)}${entry.direction === 'inbound' ? `（${t('cases.event.direction.inbound')}）` : ''} · ${t(`cases.event.outcome.${entry.outcome}`)}${entry.contactName ? ` · ${entry.contactName}` : ''}`;
    case 'payment':
      return `${t('cases.timeline.kind.payment')} ${yuan(entry.amountFen)} · ${entry.loanNo}${entry.receiptNo ? ` · ${t('cases.timeline.receipt', { no: entry.receiptNo })}` : ''}`;
    case 'note':
      return t('cases.timeline.kind.note');
    case 'assessment':
      return t('cases.timeline.kind.assessment');
    case 'complaint':
      return [
        t(`complaints.timeline.${entry.event}`),
        entry.event === 'closed' && entry.outcome
          ? t(`complaints.outcome.${entry.outcome}`)
          : t(`complaints.channel.${entry.channel}`),
        `${t(`complaints.complainant.${entry.complainant}`)}${entry.complainantName ? ` ${entry.complainantName}` : ''}`,
        entry.concerns.length ? t('complaints.concerns', { names: entry.concerns.join('、') }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'assignment':
      return `${t(`assignments.timeline.${entry.source}`)} · ${t('assignments.timeline.facts', {
        from: entry.fromOfficer ?? t('assignments.timeline.nobody'),
        to: entry.toOfficer,
      })}`;
    case 'import':
      return `${t('cases.timeline.kind.import')} · ${t('cases.timeline.importFacts', {
        loans: entry.loans,
        overdue: yuan(entry.overdueFen),
        dpd: entry.maxDpd,
        bucket: entry.bucket,
      })}`;
  }
}

function bodyOf(entry: TimelineEntry, t: TFunction): string {
  switch (entry.type) {
    case 'contact':
      return entry.note;
    case 'note':
      return entry.text;
    case 'payment':
      // The money once, with every source: receipt, the files that confirmed it, or the file.
      return paymentSourceLines(entry.trail, t).join('\n');
    case 'assessment':
      return [
        entry.livelihood,
        entry.capacityFen === null
          ? ''
          : `${t('cases.assessment.capacity')} ${yuan(entry.capacityFen)}`,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'complaint':
      return entry.event === 'received' ? entry.summary : entry.actionTaken;
    case 'assignment':
      return entry.reason;
    default:
      return '';
  }
}

/** One merged history, newest first: contacts, payments, notes, assessments and imports. */
export function TimelineTab({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) {
    return <Typography color="text.secondary">{t('cases.timeline.empty')}</Typography>;
  }
  return (
    <List dense aria-label={t('cases.case.tab.timeline')} data-testid="case-timeline">
      {entries.map((entry, index) => {
        const body = bodyOf(entry, t);
        return (
          <ListItem
            key={`${entry.type}-${'id' in entry ? entry.id : entry.at}-${index}`}
            alignItems="flex-start"
            divider
          >
            <ListItemIcon sx={{ mt: 0.5, minWidth: 40 }}>{iconOf(entry)}</ListItemIcon>
            <ListItemText
              primary={
                <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
                  <Typography
                    sx={entry.type === 'import' ? { color: 'text.secondary' } : { fontWeight: 600 }}
                  >
                    {titleOf(entry, t)}
                  </Typography>
                  <Box sx={{ flex: 1 }} />
                  {entry.type === 'payment' && isShortfall(entry.trail) && (
                    <Chip
                      size="small"
                      color="warning"
                      variant="outlined"
                      label={t('money.shortfall')}
                    />
                  )}
                  {entry.type === 'payment' && entry.receipt && (
                    <PrintReceiptButton receipt={entry.receipt} />
                  )}
                  <Typography
                    variant="caption"
                    color="text.secondary"
                    sx={{ whiteSpace: 'nowrap' }}
                  >
                    {formatWhen(entry.at)} · {entry.staffName ?? t('cases.timeline.system')}
                  </Typography>
                </Stack>
              }
              secondary={body || undefined}
              slotProps={{ secondary: { sx: { whiteSpace: 'pre-wrap' } } }}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
