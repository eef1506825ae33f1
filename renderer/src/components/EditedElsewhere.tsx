import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { defineText } from '../i18n/define';
import { ApiError } from '../api';
import { formatWhen } from './format';

/**
 * A save refused because the record changed after the form was opened (`STALE_VERSION`,
 * electron/core/app/versions.ts): the record as it now is, its version, and who changed it.
 */
export interface Stale<T> {
  current: T;
  version: string;
  by: string | null;
  at: string | null;
}

/** The refusal's facts, or null for any other failure. */
export function staleOf<T>(error: unknown): Stale<T> | null {
  if (!(error instanceof ApiError) || error.error.code !== 'STALE_VERSION') return null;
  const details = error.error.details ?? {};
  if (typeof details.version !== 'string' || details.current === undefined) return null;
  return {
    current: details.current as T,
    version: details.version,
    by: typeof details.by === 'string' ? details.by : null,
    at: typeof details.at === 'string' ? details.at : null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields (of those named) whose value differs between what the form loaded and now. */
export function changedFields<T extends object, K extends keyof T>(
  loaded: T,
  current: T,
  fields: readonly K[],
): K[] {
  return fields.filter((field) => !same(loaded[field], current[field]));
}

export const editedElsewhereText = defineText(
  {
    'stale.title': '这条记录在您打开后已被修改，您的修改尚未保存',
    'stale.by': '{{name}} 于 {{at}} 修改',
    'stale.byUnknown': '修改人未知',
    'stale.changed': '被改动的内容：{{fields}}',
    'stale.nothingShown': '改动不在本表单显示的内容中',
    'stale.kept': '您填写的内容仍在表单中。',
    'stale.takeTheirs': '放弃我的修改，载入最新内容',
    'stale.keepMine': '在最新内容上保存我的改动',
  },
  {
    'stale.title': 'This record was changed after you opened it; your changes are not saved yet',
    'stale.by': 'Changed by {{name}} at {{at}}',
    'stale.byUnknown': 'Changed by someone unknown',
    'stale.changed': 'What changed: {{fields}}',
    'stale.nothingShown': 'The change is in nothing this form shows',
    'stale.kept': 'What you typed is still in the form.',
    'stale.takeTheirs': 'Discard mine and load the latest',
    'stale.keepMine': 'Save my changes onto the latest',
  },
);

/**
 * What a form shows after `STALE_VERSION`: who changed the record, what changed (labels in
 * the user's language), and the two ways on. The form keeps the user's entries either way
 * until they choose: "load the latest" replaces them with the record as it now is; "save my
 * changes onto the latest" saves them against the record's new version (a form of several
 * fields keeps the other change to any field the user left alone). `note` says what saving
 * the user's change would do where that is not plain (a template's whole text replaces the
 * other desk's), or why it cannot be saved: then there is no `onKeepMine` and no such button.
 */
export function EditedElsewhere(props: {
  stale: Pick<Stale<unknown>, 'by' | 'at'>;
  changed: readonly string[];
  onTakeTheirs: () => void;
  onKeepMine?: () => void;
  note?: string;
  busy?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { by, at } = props.stale;
  return (
    <Alert severity="warning" role="alert" data-testid="edited-elsewhere">
      <AlertTitle>{t('stale.title')}</AlertTitle>
      <div>{by ? t('stale.by', { name: by, at: formatWhen(at) }) : t('stale.byUnknown')}</div>
      <div>
        {props.changed.length > 0
          ? t('stale.changed', { fields: props.changed.join(i18n.language === 'en' ? ', ' : '、') })
          : t('stale.nothingShown')}
      </div>
      <div>{t('stale.kept')}</div>
      {props.note && <div>{props.note}</div>}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button size="small" variant="outlined" onClick={props.onTakeTheirs} disabled={props.busy}>
          {t('stale.takeTheirs')}
        </Button>
        {props.onKeepMine && (
          <Button size="small" color="warning" onClick={props.onKeepMine} disabled={props.busy}>
            {t('stale.keepMine')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
