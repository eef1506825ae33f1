import { Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { HandInRow } from '../../../../electron/shared/schemas/cash-handins';
import { call } from '../../api';
import { useAction } from '../../components/useAction';
import { useTextLang } from '../../components/text-lang';

/** Saves the hand-in sheet (缴款单) as PDF through the print route, in the screen's language. */
export function HandInPrintButton({ handIn }: { handIn: HandInRow }) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const print = useAction(
    async () => {
      const { jobId } = await call('print:stageHandIn', { handInId: handIn.id, lang });
      const base = lang === 'zh' ? '缴款单' : 'cash-handin';
      const fileName = `${base}-${handIn.staffNo}-${handIn.day}-${handIn.id}`;
      return (await call('print:savePdf', { jobId, fileName })).file;
    },
    { done: (file) => (file ? t('cash.saved', { file: file.split(/[\\/]/).pop() }) : null) },
  );
  return (
    <Button size="small" disabled={print.busy} onClick={() => void print.run()}>
      {t('cash.print')}
    </Button>
  );
}
