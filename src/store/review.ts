/** The run shown read-only: from history, a file or a link, always replayed from its inputs. */
import type { StateCreator } from 'zustand';
import type { Scenario } from '../scenario/schema';
import type { DecodeResult } from '../runs/decode';
import type { Run } from '../runs/format';
import type { DrillDeps, DrillState } from './drill';
import { noticeKey } from './notices';
import { restoreRunLater } from './restore';

export interface Review {
  run: Run;
  scenario: Scenario;
  source: 'file' | 'link' | 'history';
  /** The scenario version the run was made on, when it is replayed on a newer one. */
  scenarioFrom?: number;
}

export interface ReviewSlice {
  review: Review | null;
  showReview: (review: Review | null) => void;
  /**
   * Opens a run from outside: `decode` reads it (a file, a link) against the scenarios it is
   * given, which include older versions to migrate from. A refusal, or a decoder or engine that
   * fails, becomes a notice; the app goes on. Resolves to whether the run opened.
   */
  importRun: (decode: (scenarios: readonly Scenario[]) => Promise<DecodeResult>, source: 'file' | 'link') => Promise<boolean>;
}

export function createReviewSlice(deps: DrillDeps): StateCreator<DrillState, [], [], ReviewSlice> {
  return (set, get) => ({
    review: null,
    showReview: (review) => set({ review }),
    importRun: async (decode, source) => {
      const result = await restoreRunLater(decode, deps.targets);
      const { notify, withdraw } = get();
      if (!result.ok) {
        notify({ kind: 'import-refused', source, refusal: result.refusal });
        return false;
      }
      const { run, scenario, scenarioFrom, formatFrom } = result;
      if (scenarioFrom !== undefined || formatFrom !== undefined) {
        notify({ kind: 'import-updated', source, scenarioTo: scenario.version, ...(formatFrom !== undefined ? { formatFrom } : {}), ...(scenarioFrom !== undefined ? { scenarioFrom } : {}) });
      } else {
        withdraw(noticeKey({ kind: 'import-refused', source, refusal: { code: 'replay-failed', detail: '' } }));
      }
      set({ review: { run, scenario, source, ...(scenarioFrom !== undefined ? { scenarioFrom } : {}) } });
      return true;
    },
  });
}
