import DownloadIcon from '@mui/icons-material/Download';
import { Button, Checkbox, FormControlLabel, Tooltip } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CASE_EXPORT_ROWS } from '../../../../electron/shared/case-export-limit';
import type { CaseExportInput } from '../../../../electron/shared/channels/case-export';
import { call } from '../../api';
import { useCan } from '../../app/session';
import { useToast } from '../../components/Toasts';
import { downloadBase64 } from '../../components/files';

// The purpose form loads when an export is asked for, not with the case list.
const PurposeDialog = lazy(() =>
  import('../../components/PurposeDialog').then((m) => ({ default: m.PurposeDialog })),
);

/** The list's filter and sort, without paging: what the export writes is every matching case. */
export type CaseExportFilter = Omit<CaseExportInput, 'purpose' | 'fullNumbers' | 'lang' | 'format'>;

/**
 * Exports the filtered case list for roles with 'cases.export' (manager, clerk, auditor): asks
 * the purpose first (audited), masked numbers unless the role may reveal them and asks to.
 */
export function CaseExportButton(props: { filter: CaseExportFilter; total: number }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const allowed = useCan('cases.export');
  const mayReveal = useCan('cases.reveal');
  const [open, setOpen] = useState(false);
  const [fullNumbers, setFullNumbers] = useState(false);
  if (!allowed) return null;
  const tooMany = props.total > MAX_CASE_EXPORT_ROWS;
  const exportList = async (purpose: string) => {
    const out = await call('cases:export', {
      ...props.filter,
      purpose,
      fullNumbers: mayReveal && fullNumbers,
      lang: i18n.language.startsWith('en') ? 'en' : 'zh',
    });
    downloadBase64(out.fileName, out.contentBase64, 'text/csv');
    toast(t('caseExport.done', { rows: out.rows, file: out.fileName }));
  };
  return (
    <>
      <Tooltip title={tooMany ? t('caseExport.tooMany', { max: MAX_CASE_EXPORT_ROWS }) : ''}>
        {/* A disabled button gets no hover events: the span carries the tooltip. */}
        <span>
          <Button
            variant="outlined"
            startIcon={<DownloadIcon />}
            disabled={props.total === 0 || tooMany}
            onClick={() => setOpen(true)}
          >
            {t('caseExport.button')}
          </Button>
        </span>
      </Tooltip>
      {open && (
        <Suspense fallback={null}>
          <PurposeDialog
            title={t('caseExport.title')}
            contents={t('purpose.contents.caseList', {
              count: props.total,
              masking: t(
                mayReveal && fullNumbers ? 'purpose.contents.full' : 'purpose.contents.masked',
              ),
            })}
            onClose={() => setOpen(false)}
            onConfirm={exportList}
          >
            {mayReveal && (
              <FormControlLabel
                control={
                  <Checkbox
                    checked={fullNumbers}
                    onChange={(e) => setFullNumbers(e.target.checked)}
                  />
                }
                label={t('caseExport.fullNumbers')}
              />
            )}
          </PurposeDialog>
        </Suspense>
      )}
    </>
  );
}
