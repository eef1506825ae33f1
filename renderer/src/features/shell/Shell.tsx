import AccountCircle from '@mui/icons-material/AccountCircle';
import {
  Alert,
  AppBar,
  Box,
  Button,
  Drawer,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Toolbar,
  Tooltip,
  Typography,
  useMediaQuery,
} from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { can } from '../../../../electron/shared/roles';
import { plannedSections, sections } from '../../app/sections';
import { useSession } from '../../app/session';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Loading } from '../../components/Loading';

const AccountMenu = lazy(() => import('./AccountMenu'));

// The passphrase form loads when it is asked for, not with the first screen.
const ChangePassphraseDialog = lazy(() =>
  import('../auth/ChangePassphraseDialog').then((m) => ({ default: m.ChangePassphraseDialog })),
);

const drawerWidth = 200;
/** Below this window width (a 1366-pixel screen at 125 %), the navigation shows icons only. */
const narrowWindow = '(max-width: 1199.95px)';
const railWidth = 64;

export function Shell() {
  const { t } = useTranslation();
  const { state, session, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [menuUsed, setMenuUsed] = useState(false);
  const [changing, setChanging] = useState(false);
  const visible = sections.filter((s) => can(session.role, s.permission));
  const home = visible[0]?.path ?? '/settings';
  // On a narrow window the navigation is a rail of icons (named in tooltips), leaving the
  // screens the width their tables need.
  const rail = useMediaQuery(narrowWindow, { noSsr: true });
  const navWidth = rail ? railWidth : drawerWidth;

  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 700 }}>
            Visitdesk
          </Typography>
          <Typography variant="body2" noWrap sx={{ opacity: 0.85, minWidth: 0 }}>
            {state.branchName}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <LanguageSwitch />
          <Button
            color="inherit"
            startIcon={<AccountCircle />}
            sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
            onClick={(e) => {
              setMenu(e.currentTarget);
              setMenuUsed(true);
            }}
            aria-haspopup="menu"
          >
            {session.name} · {t(`role.${session.role}`)}
          </Button>
          {/* Mounted from its first opening on, so that it closes with its transition. */}
          {menuUsed && (
            <Suspense fallback={null}>
              <AccountMenu
                anchorEl={menu}
                onClose={() => setMenu(null)}
                onChangePassphrase={() => setChanging(true)}
                onSignOut={() => void signOut()}
              />
            </Suspense>
          )}
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{
          width: navWidth,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: navWidth, boxSizing: 'border-box', overflowX: 'hidden' },
        }}
      >
        <Toolbar variant="dense" />
        <List component="nav" aria-label={t('shell.navigation')}>
          {visible.map((s) => {
            const item = (
              <ListItemButton
                key={s.path}
                selected={location.pathname.startsWith(s.path)}
                onClick={() => void navigate(s.path)}
                aria-label={rail ? t(s.labelKey) : undefined}
              >
                <ListItemIcon>{s.icon}</ListItemIcon>
                {!rail && <ListItemText primary={t(s.labelKey)} />}
              </ListItemButton>
            );
            return rail ? (
              <Tooltip key={s.path} title={t(s.labelKey)} placement="right">
                {item}
              </Tooltip>
            ) : (
              item
            );
          })}
        </List>
      </Drawer>
      <Box component="main" sx={{ flex: 1, minWidth: 0, overflow: 'auto', bgcolor: 'grey.50' }}>
        <Toolbar variant="dense" />
        {state.uncleanShutdown && (
          <Alert severity="info" sx={{ m: 2, mb: 0 }}>
            {t('shell.uncleanShutdown')}
          </Alert>
        )}
        <ErrorBoundary key={location.pathname}>
          <Suspense fallback={<Loading />}>
            <Routes>
              {visible.map((s) => (
                <Route key={s.path} path={`${s.path}/*`} element={s.element} />
              ))}
              {plannedSections.map((p) => (
                <Route
                  key={p.path}
                  path={`${p.path}/*`}
                  element={
                    <Alert severity="info" sx={{ m: 3 }}>
                      {t('shell.notBuilt', { section: t(p.labelKey) })}
                    </Alert>
                  }
                />
              ))}
              <Route path="*" element={<Navigate to={home} replace />} />
            </Routes>
          </Suspense>
        </ErrorBoundary>
      </Box>
      {changing && (
        <Suspense fallback={null}>
          <ChangePassphraseDialog open onClose={() => setChanging(false)} />
        </Suspense>
      )}
    </Box>
  );
}
