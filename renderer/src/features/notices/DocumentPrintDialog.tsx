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
import { useEffect, useState } from 'react';
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
  // What the screen shows, tagged with the request and language it answers.
  const [shown, setShown] = useState<{
    key: string;
    documents: DocumentData[] | null;
    failure: string | null;
  } | null>(null);
  const [earlierRef, setEarlierRef] = useState<string | null>(null);
  const [printed, setPrinted] = useState<DocumentData | null>(null);
  const { open, request, printedBefore } = props;
  // Requests and filters are rebuilt on every render by the caller; their content is the key.
  const requestKey = JSON.stringify(request);
  const logKey = JSON.stringify(printedBefore);
  const showKey = `${lang}:${requestKey}`;
  const current = shown?.key === showKey ? shown : null;
  const preview = current?.documents ?? null;
  const failure = current?.failure ?? null;

  useEffect(() => {
    if (!open) return;
    let live = true;
    const documents = [JSON.parse(requestKey) as DocumentRequest];
    call('notices:preview', { lang, documents })
      .then(
        (answer) =>
          live &&
          setShown({ key: `${lang}:${requestKey}`, documents: answer.documents, failure: null }),
      )
      .catch(
        (error: unknown) =>
          live &&
          setShown({
            key: `${lang}:${requestKey}`,
            documents: null,
            failure: printFailureText(error, t),
          }),
      );
    return () => {
      live = false;
    };
  }, [open, lang, requestKey, t]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    const filter = JSON.parse(logKey) as { kind: DocumentKind; visitId: number };
    call('notices:log', { ...filter, limit: 100 })
      .then((rows) => {
        if (!live) return;
        const original = rows.find((row) => !row.isCopy);
        setEarlierRef(original?.referenceNo ?? null);
      })
      // The hint is a courtesy; the core marks the copy whatever the screen knew.
      .catch(() => live && setEarlierRef(null));
    return () => {
      live = false;
    };
  }, [open, logKey, printed]);

  const assemble = async (): Promise<DocumentData[]> => {
    const { documents } = await call('notices:print', { lang, documents: [request] });
    setPrinted(documents[0] ?? null);
    // Show what was printed: its number, and the 副本 mark if it is a copy.
    setShown({ key: showKey, documents, failure: null });
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
