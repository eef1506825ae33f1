import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  MenuItem,
  TextField,
} from '@mui/material';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentKindLabels,
  documentLangs,
  type DocumentData,
  type DocumentLang,
  type DocumentRequest,
  type PrintLogRow,
} from '../../../../electron/shared/schemas/notices';
import { call } from '../../api';
import { useTextLang } from '../../components/text-lang';
import { useChannel } from '../../components/useChannel';
import { DocumentPreview } from '../notices/DocumentPreview';
import { PrintActions } from '../notices/PrintActions';
import { printFailureText } from '../notices/print-errors';

/**
 * A letter for this borrower (reminder or demand), printed from the case page: previewed
 * without a trace (`notices:preview`), then numbered, logged and printed through the notices
 * feature's own print actions (PrintActions: the system dialog or a PDF). Each print is a new
 * letter with its own number.
 */
export function CaseLetterDialog(props: {
  request: Extract<DocumentRequest, { kind: 'reminderLetter' | 'demandLetter' }>;
  borrowerName: string;
  onClose: () => void;
  onPrinted: () => void;
}) {
  const { t } = useTranslation();
  const uiLang = useTextLang();
  const titleId = useId();
  const [lang, setLang] = useState<DocumentLang>(uiLang);
  const { request } = props;
  const shown = useChannel(
    'notices:preview',
    { lang, documents: [request] },
    { failure: 'inline', explain: printFailureText },
  );
  const preview = shown.loading ? null : (shown.data?.documents ?? null);
  const kindLabel = documentKindLabels[request.kind][uiLang];

  const assemble = async (): Promise<DocumentData[]> => {
    const { documents } = await call('notices:print', { lang, documents: [request] });
    // What was printed, with its number, in place of the preview.
    shown.setData({ documents });
    return documents;
  };

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="lg" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>
        {t('cases.docs.letterTitle', { kind: kindLabel, name: props.borrowerName })}
      </DialogTitle>
      <DialogContent>
        <TextField
          select
          size="small"
          label={t('notices.doc.lang')}
          value={lang}
          onChange={(e) => setLang(e.target.value as DocumentLang)}
          sx={{ minWidth: 160, mt: 1 }}
        >
          {documentLangs.map((l) => (
            <MenuItem key={l} value={l}>
              {t(`notices.tpl.lang.${l}`)}
            </MenuItem>
          ))}
        </TextField>
        <PrintActions
          count={preview?.length ?? 0}
          fileName={`${request.kind}-${props.borrowerName}`}
          assemble={assemble}
          disabled={!preview}
          onDone={props.onPrinted}
        />
        {shown.failure && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {shown.failure}
          </Alert>
        )}
        {!preview && !shown.failure && <LinearProgress />}
        {preview && <DocumentPreview documents={preview} label={t('notices.preview')} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('notices.doc.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * A document from the print log printed again: the core assembles it from the same facts
 * (`notices:reprint`), keeps its number and marks it 副本 (COPY).
 */
export function ReprintDialog(props: {
  row: PrintLogRow;
  onClose: () => void;
  onPrinted: () => void;
}) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const titleId = useId();
  const { row } = props;
  const reprint = async (): Promise<DocumentData[]> =>
    (await call('notices:reprint', { printLogId: row.id })).documents;
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>
        {t('cases.docs.reprintTitle', {
          kind: documentKindLabels[row.kind][lang],
          ref: row.referenceNo,
        })}
      </DialogTitle>
      <DialogContent>
        <Alert severity="info">{t('cases.docs.reprintHelp', { ref: row.referenceNo })}</Alert>
        <PrintActions
          count={1}
          fileName={`reprint-${row.referenceNo}`}
          assemble={reprint}
          onDone={props.onPrinted}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('notices.doc.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
