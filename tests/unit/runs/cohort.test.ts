// @vitest-environment node
/**
 * The cohort's logic without React, on a generated set of runs: each row is its run's score;
 * sorting keeps missing values last and ties stable; the histogram counts every run once; the
 * counts, the CSV (with spreadsheet formulas defused) and the comparison of two runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputFromLine } from '../../../src/engine/replay';
import { cohortCsv, cohortRow, csvCell, filterRows, sortRows, summarise, COHORT_COLUMNS, type CohortRow } from '../../../src/runs/cohort';
import { compareRuns } from '../../../src/runs/compare';
import { drillInputs, newRun, type Run } from '../../../src/runs/format';
import { scoreRun } from '../../../src/scoring/score';
import { scoresLikeRow } from './cohort-support';
import { mysqlWipe } from './support';

const path = mysqlWipe.referencePath;
const herrings = ['frobnicate --now', 'sudo systemctl restart nginx', 'nmap localhost'];

/** A seeded cohort: trainees who follow the day's path for a while, some wandering off first. */
function cohort(count: number): Run[] {
  return Array.from({ length: count }, (_, i) => {
    const start = Date.parse('2026-11-02T09:00:00.000Z') + i * 3_600_000;
    const run = newRun(mysqlWipe, `run-${i}`, new Date(start).toISOString(), `Trainee ${String.fromCharCode(65 + (i % 26))}`);
    const lines = [...herrings.slice(0, i % 4), ...path.slice(0, 4 + ((i * 7) % (path.length - 3)))];
    run.inputs = lines.map((line, k) => ({ ...inputFromLine(line), at: new Date(start + (k + 1) * 30_000).toISOString(), via: 'typed' as const }));
    return run;
  });
}

const runs = cohort(12);
const rows = runs.map((run) => cohortRow(mysqlWipe, run.id, run));

describe('a cohort of runs', { timeout: 120_000 }, () => {
  it('each row is its run’s own score', () => {
    rows.forEach((row, i) => expect(row).toMatchObject(scoresLikeRow(scoreRun(mysqlWipe, drillInputs(runs[i]!)))));
    expect(rows[1]!.firstSteps).toEqual(['frobnicate --now', path[0], path[1]]);
    expect(rows[3]!.unrecognised).toEqual(['frobnicate --now']);
  });

  it('sorts by any column either way, missing values last, ties by date', () => {
    for (const column of COHORT_COLUMNS) {
      for (const direction of ['ascending', 'descending'] as const) {
        const sorted = sortRows(rows, column, direction);
        expect(sorted).toHaveLength(rows.length);
        const values = sorted.map((r) => r[column]);
        const present = values.filter((v) => v !== null);
        expect(values.slice(present.length).every((v) => v === null)).toBe(true);
        for (let i = 1; i < present.length; i += 1) {
          const [a, b] = [present[i - 1]!, present[i]!];
          expect(direction === 'ascending' ? a <= b : a >= b).toBe(true);
        }
      }
    }
  });

  it('filters by part of a name, any case, and by outcome', () => {
    expect(filterRows(rows, { trainee: 'trainee b' }).map((r) => r.trainee)).toEqual(['Trainee B']);
    expect(filterRows(rows, { outcome: 'resolved' }).every((r) => r.outcome === 'resolved')).toBe(true);
  });

  it('the histogram counts each run that found the root cause once, the team’s time marked; red herrings and unknown commands counted', () => {
    const summary = summarise(mysqlWipe, rows);
    expect(summary.histogram.reduce((n, b) => n + b.count, 0) + summary.neverFound).toBe(rows.length);
    expect(summary.teamRootCauseAt).toBe(8 * 3600 + 50 * 60);
    expect(summary.teamRootCause).toBe(10 * 60);
    expect(summary.unrecognised).toEqual([{ value: 'frobnicate --now', count: 9 }]);
    expect(summary.firstSteps[0]!.count).toBeGreaterThanOrEqual(2);
    expect(summary.redHerrings.length).toBeGreaterThan(0);
  });

  it('CSV: one line per row, RFC 4180 quoting, formulas made text', () => {
    const csv = cohortCsv(rows);
    expect(csv.split('\r\n')).toHaveLength(rows.length + 2);
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('Lina, "L"')).toBe('"Lina, ""L"""');
    expect(csvCell(-3)).toBe('-3');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const line = cohortCsv([{ ...rows[0]!, trainee: name } as CohortRow]).split('\r\n')[1]!;
        const first = line.startsWith('"') ? line.slice(1, line.indexOf('",') === -1 ? undefined : line.indexOf('",')) : line.split(',')[0]!;
        expect(/^[=+\-@]/.test(first.replace(/""/g, '"'))).toBe(false);
      }),
    );
  });
});

describe('two runs compared', { timeout: 120_000 }, () => {
  it('says where they diverged and who did each of the day’s events first', () => {
    const [slow, fast] = [runs[3]!, runs[0]!];
    const c = compareRuns(mysqlWipe, slow, fast);
    expect(c.shared).toBe(0);
    const again = compareRuns(mysqlWipe, runs[0]!, runs[4]!);
    expect(again.shared).toBe(Math.min(runs[0]!.inputs.length, runs[4]!.inputs.length));
    const both = c.events.filter((e) => e.at[0] !== null && e.at[1] !== null);
    for (const e of both) expect(e.first).toBe(e.at[0]! < e.at[1]! ? 0 : e.at[1]! < e.at[0]! ? 1 : 'both');
    expect(c.timeline).toHaveLength(slow.inputs.length + fast.inputs.length);
    expect(c.timeline.map((s) => s.clock)).toEqual([...c.timeline.map((s) => s.clock)].sort((a, b) => a - b));
  });
});
