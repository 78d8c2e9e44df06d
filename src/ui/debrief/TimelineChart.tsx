import { useId } from 'react';
import type { Score } from '../../scoring/score';
import { clockLabel } from '../../scoring/text';
import { AXIS_Y, HEIGHT, LEFT, REAL_Y, RIGHT, TRAINEE_Y, WIDTH, layoutChart } from './chartLayout';

interface TimelineChartProps {
  score: Score;
  impactStart: number;
}

const diamond = (x: number, y: number, r: number) => `${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`;
const triangle = (x: number, y: number, r: number) => `${x},${y - r} ${x + r},${y + r * 0.8} ${x - r},${y + r * 0.8}`;

/** The two-lane chart: the trainee's steps above the clock axis, the day's events below, matches joined. */
export function TimelineChart({ score, impactStart }: TimelineChartProps) {
  const titleId = useId();
  const descId = useId();
  const layout = layoutChart(score, impactStart);
  const matched = score.alignment.events.filter((e) => e.status !== 'missed').length;
  const total = score.alignment.events.length;
  return (
    <div className="debrief-chart" tabIndex={0} role="group" aria-label="Timeline chart (scrolls sideways on narrow screens)">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{`Your steps beside the real timeline, ${clockLabel(layout.from)} to ${clockLabel(layout.to)}`}</title>
        <desc id={descId}>
          {`${matched} of ${total} real events matched, ${total - matched} not in your run; ${score.redHerrings.steps.length} red herring steps; ${score.safety.violations.length} safety rules broken. The table below lists every step.`}
        </desc>
        <text className="lane-label" x={8} y={TRAINEE_Y + 4}>
          Your steps
        </text>
        <text className="lane-label" x={8} y={REAL_Y + 4}>
          On the day
        </text>
        <line className="axis" x1={LEFT} x2={WIDTH - RIGHT} y1={AXIS_Y} y2={AXIS_Y} />
        {layout.ticks.map((t) => (
          <g key={t.at} className="tick">
            <line x1={t.x} x2={t.x} y1={AXIS_Y - 4} y2={AXIS_Y + 4} />
            <text x={t.x} y={AXIS_Y + 18} textAnchor="middle">
              {clockLabel(t.at)}
            </text>
          </g>
        ))}
        {layout.pairs.map((p, i) => (
          <line key={i} className={p.outOfOrder ? 'pair pair-out-of-order' : 'pair'} x1={p.x1} y1={TRAINEE_Y + 8} x2={p.x2} y2={REAL_Y - 8}>
            <title>{p.title}</title>
          </line>
        ))}
        {layout.events.map((e) => (
          <g key={e.id} className={e.missed ? 'event event-missed' : 'event'}>
            <title>{e.title}</title>
            {e.redHerring ? <polygon points={diamond(e.x, REAL_Y, 8)} /> : <rect x={e.x - 6} y={REAL_Y - 6} width={12} height={12} />}
            <text x={e.label.x} y={REAL_Y + 26 + e.label.row * 14} textAnchor="middle">
              {e.label.text}
            </text>
          </g>
        ))}
        {[...layout.steps].sort((a, b) => Number(a.kind === 'matched' || a.redHerring || a.violation) - Number(b.kind === 'matched' || b.redHerring || b.violation)).map((s) => (
          <g key={s.index} className={`step step-${s.kind}`}>
            <title>{s.title}</title>
            {s.redHerring ? (
              <polygon className="herring" points={diamond(s.x, TRAINEE_Y, 8)} />
            ) : (
              <circle cx={s.x} cy={TRAINEE_Y} r={s.kind === 'matched' ? 6 : 3.5} />
            )}
            {s.violation && (
              <g className="violation">
                <polygon points={triangle(s.x, TRAINEE_Y + 24, 9)} />
                <text x={s.x} y={TRAINEE_Y + 29} textAnchor="middle">
                  !
                </text>
              </g>
            )}
            {s.label && (
              <text x={s.label.x} y={TRAINEE_Y - 14 - s.label.row * 14} textAnchor="middle">
                {s.label.text}
              </text>
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}
