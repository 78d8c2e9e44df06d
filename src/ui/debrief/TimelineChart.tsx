import { useId } from 'react';
import type { Score } from '../../scoring/score';
import { clockLabel } from '../../scoring/text';
import type { Voice } from '../../scoring/words/voice';
import { TRAINEE_VOICE } from '../../scoring/words/trainee';
import { layoutChart, type Label, type Orientation, type Point } from './chartLayout';

interface TimelineChartProps {
  score: Score;
  impactStart: number;
  orientation: Orientation;
  /** Whose steps the chart speaks of (the trainee's own by default). */
  voice?: Voice;
}

const diamond = ({ x, y }: Point, r: number) => `${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`;
const triangle = ({ x, y }: Point, r: number) => `${x},${y - r} ${x + r},${y + r * 0.8} ${x - r},${y + r * 0.8}`;

function Text({ label, className }: { label: Label; className?: string }) {
  return (
    <text className={className} x={label.x} y={label.y} textAnchor={label.anchor}>
      {label.text}
    </text>
  );
}

/** The two-lane chart: the trainee's steps beside the clock axis, the day's events on its other side, matches joined. */
export function TimelineChart({ score, impactStart, orientation, voice = TRAINEE_VOICE }: TimelineChartProps) {
  const titleId = useId();
  const descId = useId();
  const layout = layoutChart(score, impactStart, orientation, voice);
  const matched = score.alignment.events.filter((e) => e.status !== 'missed').length;
  const total = score.alignment.events.length;
  const grouped = layout.clusters.reduce((n, c) => n + c.indices.length, 0);
  const vertical = orientation === 'vertical';
  // A violation's "!" sits below the step on a laptop; on a phone it is drawn over the step itself.
  const beside = (p: Point): Point => (vertical ? p : { x: p.x, y: p.y + 24 });
  return (
    <div
      className={`debrief-chart debrief-chart-${orientation}`}
      role="group"
      aria-label={vertical ? 'Timeline chart' : 'Timeline chart (scrolls sideways on narrow screens)'}
      tabIndex={vertical ? undefined : 0}
    >
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{`${voice.Possessive} steps beside the real timeline, ${clockLabel(layout.from)} to ${clockLabel(layout.to)}`}</title>
        <desc id={descId}>
          {`${matched} of ${total} real events matched, ${total - matched} not in ${voice.possessive} run; ${score.redHerrings.steps.length} red herring steps; ${score.safety.violations.length} safety rules broken${grouped > 0 ? `; ${grouped} other steps drawn in ${layout.clusters.length} groups` : ''}. The table below lists every step.`}
        </desc>
        <Text className="lane-label" label={layout.lanes.trainee} />
        <Text className="lane-label" label={layout.lanes.day} />
        <line className="axis" x1={layout.axis.from.x} x2={layout.axis.to.x} y1={layout.axis.from.y} y2={layout.axis.to.y} />
        {layout.pairs.map((p, i) => (
          <line
            key={i}
            className={p.outOfOrder ? 'pair pair-out-of-order' : 'pair'}
            x1={p.from.x + (vertical ? 8 : 0)}
            y1={p.from.y + (vertical ? 0 : 8)}
            x2={p.to.x - (vertical ? 8 : 0)}
            y2={p.to.y - (vertical ? 0 : 8)}
          >
            <title>{p.title}</title>
          </line>
        ))}
        {layout.ticks.map((t) => (
          <g key={t.at} className="tick">
            <line x1={vertical ? t.x - 4 : t.x} x2={vertical ? t.x + 4 : t.x} y1={vertical ? t.y : t.y - 4} y2={vertical ? t.y : t.y + 4} />
            <Text label={t.label} />
          </g>
        ))}
        {layout.events.map((e) => (
          <g key={e.id} className={e.missed ? 'event event-missed' : 'event'}>
            <title>{e.title}</title>
            {e.redHerring ? <polygon points={diamond(e, 8)} /> : <rect x={e.x - 6} y={e.y - 6} width={12} height={12} />}
            {e.label && <Text label={e.label} />}
          </g>
        ))}
        {layout.clusters.map((c) => (
          <g key={c.indices[0]} className="cluster">
            <title>{c.title}</title>
            <rect
              x={Math.min(c.from.x, c.to.x) - 4}
              y={Math.min(c.from.y, c.to.y) - 4}
              width={Math.abs(c.to.x - c.from.x) + 8}
              height={Math.abs(c.to.y - c.from.y) + 8}
              rx={4}
            />
            {c.label && <Text label={c.label} />}
          </g>
        ))}
        {[...layout.steps].sort((a, b) => Number(a.kind === 'matched' || a.redHerring || a.violation) - Number(b.kind === 'matched' || b.redHerring || b.violation)).map((s) => (
          <g key={s.index} className={`step step-${s.kind}`}>
            <title>{s.title}</title>
            {s.redHerring ? <polygon className="herring" points={diamond(s, 8)} /> : <circle cx={s.x} cy={s.y} r={s.kind === 'matched' ? 6 : 3.5} />}
            {s.violation && (
              <g className="violation">
                <polygon points={triangle(beside(s), 9)} />
                <text x={beside(s).x} y={beside(s).y + 5} textAnchor="middle">
                  !
                </text>
              </g>
            )}
            {s.label && <Text label={s.label} />}
          </g>
        ))}
      </svg>
    </div>
  );
}
