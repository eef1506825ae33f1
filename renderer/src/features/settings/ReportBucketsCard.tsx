import { useTranslation } from 'react-i18next';
import {
  extraBoundaryChoices,
  reportBucketSetting,
} from '../../../../electron/shared/report-buckets';
import { call } from '../../api';
import { ChoiceSettingCard } from '../../components/ChoiceSettingCard';
import { useChannel } from '../../components/useChannel';

/** Extra bucket boundaries of the branch's monthly summary (M6+, M12+). */
export function ReportBucketsCard() {
  const { t } = useTranslation();
  const current = useChannel('settings:reportBuckets', {});
  return (
    <ChoiceSettingCard
      title={t('reportBuckets.title')}
      subtitle={t('reportBuckets.subtitle')}
      label={t('reportBuckets.extra')}
      help={t('reportBuckets.help')}
      schema={reportBucketSetting}
      name="extra"
      choices={extraBoundaryChoices}
      choiceLabel={(choice) => t(`reportBuckets.extra.${choice}`)}
      defaults={{ extra: 'none' }}
      current={current.data}
      loading={current.loading}
      save={(values) => call('settings:setReportBuckets', values)}
      width={420}
    />
  );
}
