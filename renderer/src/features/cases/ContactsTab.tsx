import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../../../electron/shared/schemas/cases';
import { RevealableNumber } from './RevealableNumber';

/**
 * Contacts and guarantors. Whether recorded consent allows approaching a contact is shown on
 * every row: without it only the borrower and guarantors may be contacted.
 */
export function ContactsTab(props: { borrowerId: number; contacts: ContactView[] }) {
  const { t } = useTranslation();
  if (props.contacts.length === 0) {
    return <Typography color="text.secondary">{t('cases.contact.empty')}</Typography>;
  }
  return (
    <Table size="small" aria-label={t('cases.case.tab.contacts')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('cases.contact.name')}</TableCell>
          <TableCell>{t('cases.contact.relation')}</TableCell>
          <TableCell>{t('cases.contact.phone')}</TableCell>
          <TableCell>{t('cases.contact.kind')}</TableCell>
          <TableCell>{t('cases.contact.consent')}</TableCell>
          <TableCell>{t('cases.contact.note')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.contacts.map((c) => (
          <TableRow key={c.id}>
            <TableCell>{c.name}</TableCell>
            <TableCell>{t(`cases.contact.relation.${c.relation}`)}</TableCell>
            <TableCell>
              <RevealableNumber
                label={`${c.name} ${t('cases.contact.phone')}`}
                masked={c.phoneMasked}
                request={{ borrowerId: props.borrowerId, field: 'contactPhone', contactId: c.id }}
              />
            </TableCell>
            <TableCell>
              {c.isGuarantor ? (
                <Chip size="small" color="primary" label={t('cases.contact.kind.guarantor')} />
              ) : (
                t('cases.contact.kind.contact')
              )}
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                variant="outlined"
                color={c.consentToContact ? 'success' : 'default'}
                label={
                  c.consentToContact
                    ? `${t('cases.contact.consentYes')}${c.consentRecordedAt ? ` · ${c.consentRecordedAt.slice(0, 10)}` : ''}`
                    : t('cases.contact.consentNo')
                }
              />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{c.note}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
