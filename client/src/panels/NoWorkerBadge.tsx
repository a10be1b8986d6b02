/**
 * The mark a grid without a grid worker carries wherever it is shown (editor, console, overview)
 * until a worker is assigned: a vacant grid has nobody to send, which an operator or planner must
 * see at a glance.
 */
import './no-worker-badge.css';

export function NoWorkerBadge() {
  return (
    <span className="no-worker-badge" data-testid="no-worker-badge" role="status">
      No grid worker 无网格员
    </span>
  );
}
