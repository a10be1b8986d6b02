/** Top of the tree: login page or the signed-in shell, and what a 401 anywhere does. */
import { useCallback, useEffect } from 'react';
import { onUnauthorized } from '../api/http';
import { logout } from '../api/sessions';
import type { Session } from '../state/model';
import { saveSession } from '../state/session';
import { useAppState, useStore } from '../state/store';
import { LoginPage } from './LoginPage';
import { Shell } from './Shell';
import { usePath } from './router';
import { WallApp } from '../pages/wall/WallApp';

export function App() {
  const store = useStore();
  const signedIn = useAppState((s) => s.session !== null);
  const expired = useAppState((s) => s.signedOutReason === 'expired');
  // The wall display runs full screen, outside the shell (no top bar), and takes its token from the URL.
  const isWall = usePath() === '/wall';

  const signOut = useCallback(
    (reason: 'expired' | null) => {
      // Signing out ends the session on the server too (the token would otherwise work on). The
      // request takes the token now, before it is forgotten; its outcome changes nothing here.
      if (reason === null && store.getState().session) logout().catch(() => {});
      saveSession(null);
      store.dispatch({ type: 'session/signedOut', reason });
    },
    [store],
  );

  // A 401 from any request ends the session: back to the login page, saying why.
  useEffect(() => {
    onUnauthorized(() => {
      if (store.getState().session) signOut('expired');
    });
    return () => onUnauthorized(null);
  }, [store, signOut]);

  const signIn = useCallback(
    (session: Session) => {
      saveSession(session);
      store.dispatch({ type: 'session/signedIn', session });
    },
    [store],
  );

  if (isWall) return <WallApp signIn={signIn} expired={expired} />;
  return signedIn ? <Shell onSignOut={() => signOut(null)} /> : <LoginPage onSignedIn={signIn} expired={expired} />;
}
