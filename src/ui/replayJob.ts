/**
 * The untrusted part of opening a run: read the file or inflate the link, decode it, migrate it
 * from an older scenario version and replay it (the decoder's replay check). The worker runs this
 * (`replayWorker.ts`); `replayHere` runs it on this thread, for tests and tools with no Worker.
 */
import type { Scenario } from '../scenario/schema';
import { migrationTargets, settleMigration } from '../runs/migrate';
import { decodeShareFragment } from '../runs/share';
import type { ImportJob, ReplayAnswer, ReplayRunner } from '../store/importing';
import { errorDetail } from '../store/restore';
import { importRunFile } from './runFiles';

/** Opens a job against the shipped scenarios, as plain data. Never throws. */
export async function answerImport(job: ImportJob, shipped: readonly Scenario[]): Promise<ReplayAnswer> {
  const targets = migrationTargets(shipped);
  try {
    const decoded = job.source === 'file' ? await importRunFile(job.file, targets.scenarios) : await decodeShareFragment(job.hash, targets.scenarios);
    const opened = settleMigration(decoded, targets);
    if (!opened.ok) return { kind: 'refused', problem: opened.problem };
    const { run, scenarioFrom, formatFrom } = opened;
    return { kind: 'opened', run, ...(scenarioFrom !== undefined ? { scenarioFrom } : {}), ...(formatFrom !== undefined ? { formatFrom } : {}) };
  } catch (error) {
    return { kind: 'failed', detail: errorDetail(error) };
  }
}

/** A runner on this thread, with no time budget: the page waits for it. For tests (jsdom has no Worker). */
export const replayHere: ReplayRunner = async (job, scenarios, signal) => {
  if (signal.aborted) return { kind: 'cancelled' };
  const answer = await answerImport(job, scenarios);
  return signal.aborted ? { kind: 'cancelled' } : answer;
};
