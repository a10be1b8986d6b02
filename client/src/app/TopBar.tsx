import { useAppState } from '../state/store';
import { ROLE_NAMES } from '../../../server/src/contract/vocabulary.ts';
import { name } from './labels';
import { Clock } from './Clock';
import { LiveIndicator } from './LiveIndicator';
import { navigate, usePath } from './router';
import { ROUTES } from './routes';

export function TopBar({ onSignOut }: { onSignOut: () => void }) {
  const session = useAppState((s) => s.session);
  const city = useAppState((s) =>
    s.summary.status === 'ready' || s.summary.status === 'loading' ? s.summary.data?.city : undefined,
  );
  const path = usePath();
  const role = session ? name(ROLE_NAMES, session.role) : null;

  return (
    <header className="topbar">
      <div className="brand" title="Gridboard 网格指挥">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="1" y="1" width="22" height="22" rx="4" />
          <path d="M1 8.5h22M1 15.5h22M8.5 1v22M15.5 1v22" />
        </svg>
        <div className="brand-text">
          <span className="brand-name">Gridboard</span>
          <span className="brand-zh">网格指挥</span>
        </div>
      </div>

      <div className="city" title="City 城市">
        {city ? (
          <>
            <span className="city-name">{city.name}</span>
            <span className="city-zh">{city.name_zh}</span>
          </>
        ) : (
          <span className="city-name muted">—</span>
        )}
      </div>

      <nav className="nav" aria-label="Main">
        {ROUTES.filter((r) => !r.roles || (session && r.roles.includes(session.role))).map((r) => (
          <a
            key={r.path}
            href={r.path}
            className={path === r.path ? 'active' : undefined}
            aria-current={path === r.path ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate(r.path);
            }}
          >
            {r.label} <span className="zh">{r.labelZh}</span>
          </a>
        ))}
      </nav>

      <div className="topbar-right">
        <LiveIndicator />
        <Clock />
        {session && role && (
          <div className="user" title={`${session.username} · ${role.en} ${role.zh}`}>
            <span className="user-avatar" aria-hidden="true">
              {(session.username || '?').slice(0, 1).toUpperCase()}
            </span>
            <span className="user-text">
              <span className="user-name" data-testid="user-name">
                {session.username || 'Signed in'}
              </span>
              <span className="user-role">
                {role.en} · {role.zh}
              </span>
            </span>
          </div>
        )}
        <button type="button" className="btn-ghost" onClick={onSignOut} data-testid="logout">
          Sign out <span className="zh">退出</span>
        </button>
      </div>
    </header>
  );
}
