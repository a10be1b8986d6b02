/**
 * The playback clock: seconds since the window's start, advanced by requestAnimationFrame at
 * `speed` × real time while playing; stops at the end.
 */
import { useEffect, useRef, useState } from 'react';

export function usePlayback(duration: number) {
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(60);
  const last = useRef<number | null>(null);

  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    const tick = (now: number) => {
      const dt = last.current === null ? 0 : (now - last.current) / 1000;
      last.current = now;
      let ended = false;
      setTime((t) => {
        const next = t + dt * speed;
        if (next >= duration) {
          ended = true;
          return duration;
        }
        return next;
      });
      if (ended) setPlaying(false);
      else raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      last.current = null;
    };
  }, [playing, speed, duration]);

  return { time, setTime, playing, setPlaying, speed, setSpeed };
}
