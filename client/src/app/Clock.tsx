import { useEffect, useState } from 'react';
import { formatDate, formatTime, formatWeekday } from './format';
import { useAppState } from '../state/store';

/** Wall clock in the city's time zone (the browser's until the summary says), ticking each second. */
export function Clock() {
  const timeZone = useAppState((s) => ('data' in s.summary ? s.summary.data?.city.timeZone : undefined));
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <div className="clock" aria-label="Current time">
      <span className="clock-time">{formatTime(now, timeZone)}</span>
      <span className="clock-date">
        {formatDate(now, timeZone)} {formatWeekday(now, timeZone)}
      </span>
    </div>
  );
}
