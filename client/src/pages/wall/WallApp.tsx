/**
 * `/wall` outside the shell: no top bar, full screen. A screen is set up once by opening
 * `/wall?token=…` (a screen's link, see POST /api/wall/tokens): the link's token is taken out of
 * the address bar and exchanged at once (POST /api/auth/wall) for the screen's bearer token,
 * which is saved like a login (so the wall survives reloads and power cuts). The link token is
 * never used for anything else; a kiosk that reopens the same link after a reboot exchanges it
 * again, until an admin revokes the screen. Without a link or a saved session, the login form
 * is shown.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, setToken } from '../../api/http';
import { exchangeWallLink } from '../../api/sessions';
import type { Session } from '../../state/model';
import { useAppState } from '../../state/store';
import { LoginPage } from '../../app/LoginPage';
import { WallPage } from './WallPage';

function takeUrlToken(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  // Out of the address bar (and history) at once: the token is a password for the screen.
  url.searchParams.delete('token');
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  return token.trim() || null;
}

export function WallApp({ signIn, expired }: { signIn: (s: Session) => void; expired: boolean }) {
  const signedIn = useAppState((s) => s.session !== null);
  const [urlToken] = useState(takeUrlToken);
  const [checking, setChecking] = useState(urlToken !== null);
  const [refused, setRefused] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!urlToken || started.current) return;
    started.current = true;
    setToken(null);
    exchangeWallLink(urlToken)
      .then((r) => signIn({ token: r.token, role: r.role, username: r.username }))
      .catch((err) => {
        setRefused(
          err instanceof ApiError && err.status === 401
            ? `The wall link was refused: ${err.message}`
            : 'The server could not check the wall link.',
        );
      })
      .finally(() => setChecking(false));
  }, [urlToken, signIn]);

  if (checking) {
    return (
      <div className="wall-boot" data-testid="wall-boot">
        <span className="spinner" aria-hidden="true" /> Checking the wall token…{' '}
        <span className="zh">正在验证大屏令牌</span>
      </div>
    );
  }
  if (!signedIn) {
    return (
      <>
        {refused && (
          <div className="wall-refused notice notice-error" role="alert" data-testid="wall-token-refused">
            {refused} <span className="zh">大屏令牌无效，请重新登录</span>
          </div>
        )}
        <LoginPage onSignedIn={signIn} expired={expired} />
      </>
    );
  }
  return <WallPage />;
}
