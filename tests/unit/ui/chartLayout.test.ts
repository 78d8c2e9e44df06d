import { longRun as longRunOf } from '../../shared/longRun';
import { describe, expect, it } from 'vitest';
import { parseClock } from '../../../src/engine/clock';
import { labelsOf, layoutChart, overlaps, type ChartLayout, type ChartScore, type Label, type Orientation } from '../../../src/ui/debrief/chartLayout';
import { mysqlWipe, score, seedPath } from '../scoring/support';

const impactStart = parseClock(mysqlWipe.timeline.impactStart);

const longRun = (total: number) => longRunOf(seedPath, total);

function overlapping(labels: readonly Label[]): string[] {
  const found: string[] = [];
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (overlaps(a.box, b.box)) found.push(`"${a.text}" at (${a.x}, ${a.y}) and "${b.text}" at (${b.x}, ${b.y})`);
  });
  return found;
}

const inside = (layout: ChartLayout) => labelsOf(layout).filter((l) => l.box.x1 < 0 || l.box.x2 > layout.width || l.box.y1 < 0 || l.box.y2 > layout.height);

describe.each<Orientation>(['horizontal', 'vertical'])('the timeline chart, %s', (orientation) => {
  // The seed's own path (its length), then the long runs of issue 8's findings.
  describe.each([seedPath.length, 95, 150])('a run of %i steps', (total) => {
    const lines = total === seedPath.length ? seedPath : longRun(total);
    const scored = score(lines);
    const layout = layoutChart(scored, impactStart, orientation);

    it('has the steps it was given', () => {
      expect(lines).toHaveLength(total);
      expect(scored.alignment.steps).toHaveLength(total);
    });

    it('draws no label over another, and none outside the chart', () => {
      expect(overlapping(labelsOf(layout))).toEqual([]);
      expect(inside(layout)).toEqual([]);
    });

    it('draws every step once: on its own, or in a cluster', () => {
      const drawn = [...layout.steps.map((s) => s.index), ...layout.clusters.flatMap((c) => c.indices)].sort((a, b) => a - b);
      expect(drawn).toEqual(scored.alignment.steps.map((s) => s.index));
    });

    it('labels only steps that complete one of the day’s events, with their step number', () => {
      const completing = new Set(scored.alignment.events.flatMap((e) => (e.stepIndex === null ? [] : [e.stepIndex])));
      const labelled = layout.steps.filter((s) => s.label);
      expect(labelled.length).toBeGreaterThan(0);
      for (const s of labelled) {
        expect(completing.has(s.index)).toBe(true);
        expect(s.label!.text).toBe(String(s.index + 1));
      }
    });

    it('names every event of the day', () => {
      expect(layout.events.every((e) => e.label !== null)).toBe(true);
    });
  });

  it('a long run has few marks and clusters that each stand for steps close together', () => {
    const layout = layoutChart(score(longRun(150)), impactStart, orientation);
    expect(layout.clusters.length).toBeGreaterThan(0);
    expect(layout.steps.length + layout.clusters.length).toBeLessThan(75);
    for (const c of layout.clusters) expect(c.indices.length).toBeGreaterThan(1);
  });

  it('1,500 steps within a few minutes: labels are left out rather than drawn on top of each other', () => {
    const base = score(seedPath);
    const at = base.startedAt + 60;
    // Every step completes an event, all in the same second: no room for most of the labels.
    const steps = Array.from({ length: 1500 }, (_, index) => ({ ...base.alignment.steps[0]!, index, at, role: 'matched' as const, redHerring: index % 7 === 0 }));
    const events = steps.slice(0, 40).map((s, i) => ({ ...base.alignment.events[i % base.alignment.events.length]!, eventId: `event-${i}`, stepIndex: s.index, traineeAt: at, realAt: at + i * 5 }));
    const crowded: ChartScore = {
      startedAt: base.startedAt,
      endedAt: at + 600,
      alignment: { ...base.alignment, steps, events },
      safety: { ...base.safety, violations: steps.slice(0, 30).map((s) => ({ ...base.safety.violations[0]!, stepIndex: s.index })) },
    };
    const layout = layoutChart(crowded, impactStart, orientation);
    expect(overlapping(labelsOf(layout))).toEqual([]);
    expect(layout.steps.filter((s) => s.label).length).toBeLessThan(40);
  });
});

describe('the vertical chart', () => {
  it('is as tall as the run needs, a minute at least 15 user units (a label’s height)', () => {
    const layout = layoutChart(score(longRun(95)), impactStart, 'vertical');
    const minutes = (layout.to - layout.from) / 60;
    expect(layout.width).toBeLessThanOrEqual(320);
    expect((layout.axis.to.y - layout.axis.from.y) / minutes).toBeGreaterThanOrEqual(15);
  });
});
