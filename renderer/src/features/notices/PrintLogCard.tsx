import {
  Alert,
  Button,
  Card,
  CardContent,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentKindLabels,
  type DocumentData,
  type PrintLogRow,
} from '../../../../electron/shared/schemas/notices';
import { call } from '../../api';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { PrintActions } from './PrintActions';
import { useTextLang } from '../../components/text-lang';
import { withAside } from '../../components/punctuation';

const PAGE = 50;

/**
 * Who printed what for whom, when, with which template version and content hash. A reprint is
 * assembled again by the core from the same facts and carries the 副本 (COPY) mark.
 */
export function PrintLogCard() {
  const { t } = useTranslation();
  const lang = useTextLang();
  const [older, setOlder] = useState<PrintLogRow[]>([]);
  const [more, setMore] = useState(false);
  const [chosen, setChosen] = useState<PrintLogRow | null>(null);
  // The newest page, read again after a reprint; older pages are appended on request.
  const newest = useChannel(
    'notices:log',
    { limit: PAGE },
    {
      onData: (page) => {
        setOlder([]);
        setMore(page.length === PAGE);
      },
    },
  );
  const next = useAction('notices:log', {
    onDone: (page) => {
      setOlder((rows) => [...rows, ...page]);
      setMore(page.length === PAGE);
    },
  });
  const rows = newest.data && [...newest.data, ...older];

  const reprint = async (row: PrintLogRow): Promise<DocumentData[]> =>
    (await call('notices:reprint', { printLogId: row.id })).documents;

  return (
    <Card>
      <CardContent>
        {chosen && (
          <Alert severity="info" sx={{ mb: 1 }} onClose={() => setChosen(null)}>
            {t('notices.log.reprint')}: {chosen.referenceNo} ·{' '}
            {documentKindLabels[chosen.kind][lang]}
            <PrintActions
              count={1}
              fileName={`reprint-${chosen.referenceNo}`}
              assemble={() => reprint(chosen)}
              onDone={newest.reload}
            />
          </Alert>
        )}
        {rows && rows.length === 0 && <Alert severity="info">{t('notices.log.empty')}</Alert>}
        {rows && rows.length > 0 && (
          <Table size="small" aria-label={t('notices.tab.log')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('notices.log.printedAt')}</TableCell>
                <TableCell>{t('notices.log.by')}</TableCell>
                <TableCell>{t('notices.log.kind')}</TableCell>
                <TableCell>{t('notices.log.ref')}</TableCell>
                <TableCell>{t('notices.log.borrower')}</TableCell>
                <TableCell>{t('notices.log.version')}</TableCell>
                <TableCell>{t('notices.log.copy')}</TableCell>
                <TableCell>{t('notices.log.hash')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id}>
                  {/* The branch's wall clock, whatever zone this PC is set to. */}
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.printedAtLocal}</TableCell>
                  <TableCell>{withAside(row.staffName ?? '—', row.staffNo, lang)}</TableCell>
                  <TableCell>{documentKindLabels[row.kind][lang]}</TableCell>
                  <TableCell>{row.referenceNo}</TableCell>
                  <TableCell>{row.borrowerName ?? '—'}</TableCell>
                  <TableCell>v{row.templateVersion}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={row.isCopy ? 'warning' : 'default'}
                      label={t(row.isCopy ? 'notices.log.copy' : 'notices.log.original')}
                    />
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>
                    {row.contentSha256.slice(0, 12)}
                  </TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => setChosen(row)}>
                      {t('notices.log.reprint')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {more && rows && (
          <Button
            sx={{ mt: 1 }}
            onClick={() => {
              const beforeId = rows[rows.length - 1]?.id;
              void next.run({ limit: PAGE, ...(beforeId ? { beforeId } : {}) });
            }}
          >
            {t('notices.log.more')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
