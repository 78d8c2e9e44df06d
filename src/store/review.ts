/** The run shown read-only: from history, a file or a link, always replayed from its inputs. */
import type { StateCreator } from 'zustand';
import * as v from 'valibot';
import type { Scenario } from '../scenario/schema';
import { RunSchema, scenarioOf, type Run, type RunReview } from '../runs/format';
import type { DrillDeps, DrillState } from './drill';
import type { ImportJob, ReplayAnswer } from './importing';
import { noticeKey, type Refusal } from './notices';
import { errorDetail } from './restore';
import { continues } from './persistence';
import { newerReview } from './received';
import { keep } from './history';
import { saveRun } from './saving';

export interface Review {
  run: Run;
  scenario: Scenario;
  source: 'file' | 'link' | 'history' | 'received';
  /** The scenario version the run was made on, when it is replayed on a newer one. */
  scenarioFrom?: number;
  /** The user's own run (from their history, or a file of it): its review is read, not written. */
  mine?: true;
}

export interface ReviewSlice {
  review: Review | null;
  /** A run being opened from outside, until it opens, is refused or is cancelled. */
  importing: { source: ImportJob['source'] } | null;
  showReview: (review: Review | null) => void;
  /**
   * Opens a run from outside (a file, a link) read-only. The store's replay runner decodes,
   * migrates and replays it where it cannot freeze the page, within a time budget; a refusal, a
   * replay past the budget or a runner that fails becomes a notice, and the app goes on. One
   * import at a time: a newer one cancels the one under way. Resolves to whether the run opened.
   */
  importRun: (job: ImportJob) => Promise<boolean>;
  /**
   * Opens several files (picked together, or a dropped folder's run files) one after another:
   * each that opens is kept in the received runs, each refused gets its notice. Resolves to the
   * reviews of those that opened (none opens on screen: the caller shows the list, or the one).
   */
  importRuns: (files: readonly File[]) => Promise<Review[]>;
  /** Stops the import under way: nothing opens, nothing changes. */
  cancelImport: () => void;
  /**
   * Saves the mentor's review of the run shown (someone else's: a received run), or takes it
   * away (undefined). It travels with the run: in its file, its link and the received list.
   */
  saveReview: (review: RunReview | undefined) => void;
}

type Opened = { ok: true; review: Review; formatFrom?: number } | { ok: false; refusal: Refusal };

const isVersion = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** The runner's answer, checked: a run it opened must be a run, on a scenario the app ships. */
function openedFrom(answer: ReplayAnswer, source: ImportJob['source'], scenarios: readonly Scenario[]): Opened {
  switch (answer.kind) {
    case 'refused':
      return { ok: false, refusal: { code: 'run', problem: answer.problem } };
    case 'too-slow':
      return { ok: false, refusal: { code: 'too-slow' } };
    case 'failed':
    case 'cancelled':
      return { ok: false, refusal: { code: 'replay-failed', detail: answer.kind === 'failed' ? answer.detail : 'it was cancelled' } };
    case 'opened': {
      const parsed = v.safeParse(RunSchema, answer.run);
      const scenario = parsed.success ? scenarioOf(parsed.output, scenarios) : undefined;
      if (!parsed.success || !scenario) return { ok: false, refusal: { code: 'replay-failed', detail: 'the replay gave back something that is not a run of this app' } };
      const { scenarioFrom, formatFrom } = answer;
      const review: Review = { run: parsed.output, scenario, source, ...(isVersion(scenarioFrom) ? { scenarioFrom } : {}) };
      return isVersion(formatFrom) ? { ok: true, review, formatFrom } : { ok: true, review };
    }
  }
}

export function createReviewSlice(deps: DrillDeps): StateCreator<DrillState, [], [], ReviewSlice> {
  /** The import under way, if any (one per store). */
  let underWay: AbortController | null = null;
  /** Set when the trainee cancels: a batch of files stops there. */
  let cancelled = false;
  return (set, get) => {
    /**
     * Decodes, migrates and replays one job through the runner; a refusal becomes a notice. A run
     * that opens from outside (not one of the user's own) is kept in the received runs. Resolves
     * to its review, or null (refused, cancelled, or a newer import took its place).
     */
    const openJob = async (job: ImportJob, inBatch = false): Promise<Review | null> => {
      get().cancelImport();
      cancelled = false;
      const mine = new AbortController();
      underWay = mine;
      const { source } = job;
      set({ importing: { source } });
      let answer: ReplayAnswer;
      try {
        answer = await deps.replay(job, deps.scenarios, mine.signal);
      } catch (error) {
        answer = { kind: 'failed', detail: errorDetail(error) };
      }
      if (underWay !== mine) return null; // cancelled, or a newer import took its place
      underWay = null;
      set({ importing: null });
      if (answer.kind === 'cancelled') return null;
      const opened = openedFrom(answer, source, deps.scenarios);
      const { notify, withdraw } = get();
      if (!opened.ok) {
        notify({ kind: 'import-refused', source, refusal: opened.refusal });
        return null;
      }
      const { review, formatFrom } = opened;
      const { scenarioFrom } = review;
      if (scenarioFrom !== undefined || formatFrom !== undefined) {
        notify({ kind: 'import-updated', source, scenarioTo: review.scenario.version, ...(formatFrom !== undefined ? { formatFrom } : {}), ...(scenarioFrom !== undefined ? { scenarioFrom } : {}) });
      } else if (!inBatch) {
        // (in a batch, an earlier file's refusal stays: the batch's summary counts it)
        withdraw(noticeKey({ kind: 'import-refused', source, refusal: { code: 'replay-failed', detail: '' } }));
      }
      const { past, run } = get();
      const own = run?.id === review.run.id ? run : past.find((r) => r.id === review.run.id);
      if (!own) {
        get().keepReceived(review.run, scenarioFrom);
        return review;
      }
      // The user's own run, back with a mentor's review: the review is kept with the run in their history.
      if (own !== run && continues(own, review.run) && own.inputs.length === review.run.inputs.length && newerReview(review.run, own)) {
        const saved = saveRun(deps, get, { ...own, review: review.run.review! }, get().migratedFrom.get(own.id));
        set({ past: keep(get().past, saved) });
      }
      return { ...review, mine: true };
    };
    return {
    review: null,
    importing: null,
    showReview: (review) => set({ review }),
    cancelImport: () => {
      if (underWay) cancelled = true;
      underWay?.abort();
      underWay = null;
      if (get().importing) set({ importing: null });
    },
    importRun: async (job) => {
      const review = await openJob(job);
      if (review) set({ review });
      return review !== null;
    },
    saveReview: (runReview) => {
      const shown = get().review;
      if (!shown || shown.mine) return;
      const { review: _, ...bare } = shown.run;
      const run: Run = runReview ? { ...bare, review: runReview } : bare;
      const entry = get().received.find((e) => e.run.id === run.id && continues(e.run, run) && e.run.inputs.length === run.inputs.length);
      if (entry) get().updateReceived(entry.key, run);
      else get().keepReceived(run, shown.scenarioFrom);
      set({ review: { ...shown, run } });
    },
    importRuns: async (files) => {
      const opened: Review[] = [];
      for (const file of files) {
        const review = await openJob({ source: 'file', file }, true);
        if (review) opened.push(review);
        else if (cancelled) break;
      }
      cancelled = false;
      return opened;
    },
    };
  };
}
