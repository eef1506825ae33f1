import { useTranslation } from 'react-i18next';
import {
  secondApproverRoles,
  waiverSettingsSchema,
} from '../../../../electron/shared/schemas/waivers';
import { call } from '../../api';
import { ChoiceSettingCard } from '../../components/ChoiceSettingCard';
import { useChannel } from '../../components/useChannel';

/** Who gives the approval beside a manager's for a waiver or settlement. */
export function WaiverSettingsCard() {
  const { t } = useTranslation();
  const current = useChannel('waivers:settings', {});
  return (
    <ChoiceSettingCard
      title={t('waivers.settings.title')}
      subtitle={t('waivers.settings.subtitle')}
      label={t('waivers.settings.role')}
      help={t('waivers.settings.help')}
      schema={waiverSettingsSchema}
      name="secondApproverRole"
      choices={secondApproverRoles}
      choiceLabel={(role) => t(`waivers.settings.role.${role}`)}
      defaults={{ secondApproverRole: 'auditor' }}
      current={current.data}
      loading={current.loading}
      save={(values) => call('waivers:saveSettings', values)}
      width={360}
    />
  );
}
