/** The playback tab: choose a window, load it, and play it with a slider, speed and clock. */
import { hhmm } from './format';
import type { usePlaybackWindow } from './usePlaybackWindow';

export function PlaybackPanel({ playback: pw }: { playback: ReturnType<typeof usePlaybackWindow> }) {
  const { pb, clock } = pw;
  const shown = pw.incidents.filter((i) => i.t <= clock.time).length;
  return (
    <section data-testid="playback-panel">
      <div className="pt-row">
        <label>
          From{' '}
          <input
            type="datetime-local"
            value={pw.from}
            onChange={(e) => pw.setFrom(e.target.value)}
            data-testid="pb-from"
          />
        </label>
      </div>
      <div className="pt-row">
        <label>
          To{' '}
          <input type="datetime-local" value={pw.to} onChange={(e) => pw.setTo(e.target.value)} data-testid="pb-to" />
        </label>
      </div>
      <button onClick={() => void pw.load()} disabled={pw.loading} data-testid="pb-load">
        {pw.loading ? 'Loading…' : 'Load window'}
      </button>
      {pb && (
        <div className="pt-card">
          <p data-testid="pb-stats">
            {pb.data.trips.length} tracks · {pb.data.incidents.length} incidents
          </p>
          <input
            type="range"
            min={0}
            max={pb.duration}
            step={1}
            value={clock.time}
            data-testid="pb-slider"
            onChange={(e) => clock.setTime(Number(e.target.value))}
            style={{ width: '100%' }}
          />
          <div className="pt-row">
            <button onClick={() => clock.setPlaying(!clock.playing)} data-testid="pb-play">
              {clock.playing ? 'Pause' : 'Play'}
            </button>
            <select value={clock.speed} onChange={(e) => clock.setSpeed(Number(e.target.value))} data-testid="pb-speed">
              {[10, 60, 300, 900].map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
            <b data-testid="pb-clock">{hhmm(pb.start + clock.time * 1000)}</b>
          </div>
          <p data-testid="pb-incidents">{shown} incidents so far</p>
        </div>
      )}
    </section>
  );
}
