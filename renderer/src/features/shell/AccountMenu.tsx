import LockIcon from '@mui/icons-material/Lock';
import { Divider, Menu, MenuItem } from '@mui/material';
import { useTranslation } from 'react-i18next';

/**
 * The signed-in user's menu under their name in the app bar: change the passphrase, sign out.
 * A module of its own, loaded when the menu is first opened: a menu is a popover on a modal,
 * code the first screen does not need.
 */
export default function AccountMenu(props: {
  anchorEl: HTMLElement | null;
  onClose: () => void;
  onChangePassphrase: () => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Menu anchorEl={props.anchorEl} open={Boolean(props.anchorEl)} onClose={props.onClose}>
      <MenuItem
        onClick={() => {
          props.onClose();
          props.onChangePassphrase();
        }}
      >
        {t('account.changePassphrase')}
      </MenuItem>
      <Divider />
      <MenuItem
        onClick={() => {
          props.onClose();
          props.onSignOut();
        }}
      >
        <LockIcon fontSize="small" sx={{ mr: 1 }} /> {t('auth.signOut')}
      </MenuItem>
    </Menu>
  );
}
