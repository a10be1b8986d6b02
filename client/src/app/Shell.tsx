import { TopBar } from './TopBar';
import { navigate, usePath } from './router';
import { ROUTES } from './routes';
import { useSummaryPolling } from './useData';
import { useLiveConnection } from './useLive';

/** The signed-in application: top bar and the current page. */
export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const path = usePath();
  const route = ROUTES.find((r) => r.path === path);
  useSummaryPolling();
  useLiveConnection();
  return (
    <div className="shell">
      <TopBar onSignOut={onSignOut} />
      <main className="shell-main">{route ? <route.page /> : <NotFound path={path} />}</main>
    </div>
  );
}

function NotFound({ path }: { path: string }) {
  return (
    <div className="not-found">
      <h1>
        No page at <code>{path}</code> <span className="zh">页面不存在</span>
      </h1>
      <button type="button" className="btn-primary" onClick={() => navigate('/')}>
        Go to the overview 返回总览
      </button>
    </div>
  );
}
