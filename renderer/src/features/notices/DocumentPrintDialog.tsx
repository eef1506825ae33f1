import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentLangs,
  type DocumentData,
  type DocumentKind,
  type DocumentLang,
  type DocumentRequest,
} from '../../../../electron/shared/schemas/notices';
import { call } from '../../api';
import { DocumentPreview } from './DocumentPreview';
import { PrintActions } from './PrintActions';
import { printFailureText } from './print-errors';
import { useTextLang } from '../../components/text-lang';
import { useChannel } from '../../components/useChannel';

/**
 * One document from a record (a receipt, a plan agreement): previewed without a trace by
 * `notices:preview`, then numbered, logged and handed to the same staged print job the Notices
 * screen uses (PrintActions → usePrintJob → print:stage, print:savePdf / print:system).
 * `printedBefore` looks the document up in the print log, so the user knows a second print
 * comes out as a copy (副本) before pressing the button.
 */
export function DocumentPrintDialog(props: {
  open: boolean;
  onClose: () => void;
  title: string;
  request: DocumentRequest;
  fileName: string;
  printedBefore: { kind: DocumentKind; visitId: number };
}) {
  const { t } = useTranslation();
  const uiLang = useTextLang();
  const [lang, setLang] = useState<DocumentLang>(uiLang);
  const [printed, setPrinted] = useState<DocumentData | null>(null);
  const { open, request, printedBefore } = props;
  const shown = useChannel('notices:preview', open ? { lang, documents: [request] } : null, {
    failure: 'inline',
    explain: printFailureText,
  });
  // Another language's (or request's) pages never stand in while this one's load.
  const preview = shown.loading ? null : (shown.data?.documents ?? null);
  const failure = shown.failure;
  // The hint is a courtesy; the core marks the copy whatever the screen knew.
  const log = useChannel('notices:log', open ? { ...printedBefore, limit: 100 } : null, {
    failure: 'quiet',
    version: printed?.referenceNo ?? null,
  });
  const earlierRef = log.data?.find((row) => !row.isCopy)?.referenceNo ?? null;

  const assemble = async (): Promise<DocumentData[]> => {
    const { documents } = await call('notices:print', { lang, documents: [request] });
    setPrinted(documents[0] ?? null);
    // Show what was printed: its number, and the 副本 mark if it is a copy.
    shown.setData({ documents });
    return documents;
  };

  const close = () => {
    setPrinted(null);
    props.onClose();
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="lg" aria-labelledby="print-doc-title">
      <DialogTitle id="print-doc-title">{props.title}</DialogTitle>
      <DialogContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', pt: 1 }}>
          <TextField
            select
            size="small"
            label={t('notices.doc.lang')}
            value={lang}
            onChange={(e) => setLang(e.target.value as DocumentLang)}
            sx={{ minWidth: 160 }}
          >
            {documentLangs.map((l) => (
              <MenuItem key={l} value={l}>
                {t(`notices.tpl.lang.${l}`)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {earlierRef && !printed && (
          <Alert severity="info" sx={{ mt: 2 }}>
            {t('notices.doc.alreadyPrinted', { ref: earlierRef })}
          </Alert>
        )}
        <PrintActions
          count={preview?.length ?? 0}
          fileName={props.fileName}
          assemble={assemble}
          disabled={!preview}
        />
        {printed && (
          <Alert severity={printed.isCopy ? 'warning' : 'success'} sx={{ mb: 2 }}>
            {t(printed.isCopy ? 'notices.doc.printedCopy' : 'notices.doc.printedOriginal', {
              ref: printed.referenceNo,
            })}
          </Alert>
        )}
        {failure && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {failure}
          </Alert>
        )}
        {!preview && !failure && <LinearProgress />}
        {preview && <DocumentPreview documents={preview} label={t('notices.preview')} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{t('notices.doc.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
