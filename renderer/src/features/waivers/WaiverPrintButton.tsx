import { Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { WaiverRow } from '../../../../electron/shared/schemas/waivers';
import { call } from '../../api';
import { useCanCall } from '../../app/session';
import { useAction } from '../../components/useAction';
import { useTextLang } from '../../components/text-lang';

/** Saves the approved agreement as PDF through the print route, in the screen's language. */
export function WaiverPrintButton({ waiver }: { waiver: WaiverRow }) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const allowed = useCanCall('waivers:stageAgreement');
  const print = useAction(
    async () => {
      const { jobId } = await call('waivers:stageAgreement', { id: waiver.id, lang });
      const base = lang === 'zh' ? '减免协议' : 'waiver-agreement';
      const fileName = `${base}-${waiver.loanNo}-${waiver.id}`;
      return (await call('print:savePdf', { jobId, fileName })).file;
    },
    { done: (file) => (file ? t('waivers.saved', { file: file.split(/[\\/]/).pop() }) : null) },
  );
  if (!allowed || waiver.status !== 'approved') return null;
  return (
    <Button size="small" disabled={print.busy} onClick={() => void print.run()}>
      {t('waivers.print')}
    </Button>
  );
}
