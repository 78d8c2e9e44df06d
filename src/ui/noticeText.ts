/**
 * Every notice in words, in one place. The switches are exhaustive: a new kind of notice does
 * not compile until it has its own sentence here.
 */
import type { Notice, Refusal, UnusableReason } from '../store/drill';
import { MAX_DROPPED_FILES } from './droppedFiles';
import { runProblemText } from '../runs/words';

const withoutStop = (text: string) => text.replace(/\.$/, '');

function refusalText(refusal: Refusal): string {
  switch (refusal.code) {
    case 'run':
      return withoutStop(runProblemText(refusal.problem));
    case 'too-slow':
      return 'it takes too long to replay';
    case 'replay-failed':
      return `replaying it failed here: ${refusal.detail}`;
  }
}

function reasonText(reason: UnusableReason): string {
  switch (reason.code) {
    case 'not-json':
      return 'it is not valid JSON';
    case 'too-deep':
      return 'it is nested too deep to read';
    case 'not-ours':
      return 'it is not in the shape Outage Drill saves';
    case 'newer-storage':
      return `it was saved by a newer version of Outage Drill (storage version ${reason.version})`;
    case 'refused':
      return refusalText(reason.refusal);
  }
}

const causeText = (cause: 'full' | 'refused') => (cause === 'full' ? 'full' : 'not accepting data');

export function noticeTone(notice: Notice): 'error' | 'info' {
  switch (notice.kind) {
    case 'record-unusable':
    case 'save-failed':
    case 'delete-failed':
    case 'import-refused':
      return 'error';
    case 'storage-unavailable':
    case 'runs-migrated':
    case 'run-kept':
    case 'run-forked':
    case 'import-updated':
    case 'update-ready':
      return 'info';
    case 'runs-received':
      return notice.refused > 0 || notice.skipped > 0 ? 'error' : 'info';
  }
}

export function noticeText(notice: Notice): string {
  switch (notice.kind) {
    case 'record-unusable': {
      const where = `in this browser's storage (key "${notice.key}")`;
      if (notice.reason.code !== 'refused') {
        return `Some saved data could not be read (${reasonText(notice.reason)}). It was left as it was ${where}, not deleted; download a copy to keep it elsewhere. The app started without it.`;
      }
      const runs = notice.runCount === 1 ? 'A saved run' : `${notice.runCount} saved runs`;
      const left = notice.runCount === 1 ? 'It was left as it was' : 'They were left as they were';
      return `${runs} could not be opened (${reasonText(notice.reason)}). ${left} ${where}, not deleted; download a copy to keep it elsewhere. Your other runs are kept.`;
    }
    case 'save-failed':
      return `Your runs could not be saved: the browser's storage is ${causeText(notice.cause)}. This run is kept while the tab stays open; download it to keep it.`;
    case 'delete-failed':
      return `The run could not be deleted from this browser's storage (it is ${causeText(notice.cause)}): it will be back after a reload.`;
    case 'storage-unavailable':
      return 'This browser does not allow local storage, so runs are not kept after you close the tab. Export a run to keep it.';
    case 'runs-migrated': {
      const runs = notice.count === 1 ? '1 saved run' : `${notice.count} saved runs`;
      const versions = notice.from.length === 1 ? `version ${notice.from[0]}` : `versions ${notice.from.join(', ')}`;
      return `${runs} of “${notice.scenarioTitle}” ${notice.count === 1 ? 'was' : 'were'} made on ${versions} of the scenario and ${notice.count === 1 ? 'is' : 'are'} now replayed on version ${notice.to}, the one this app has. The inputs are unchanged; where they lead may differ.`;
    }
    case 'run-kept':
      return `Your unfinished run of “${notice.scenarioTitle}” is kept in Your runs.`;
    case 'run-forked':
      return 'This run was also played on in another tab. What you did here is kept as a run of its own; the other tab’s is in Your runs.';
    case 'import-refused':
      switch (notice.refusal.code) {
        case 'run':
          return runProblemText(notice.refusal.problem);
        case 'too-slow':
          return 'This run takes too long to replay, so it was not opened. Nothing was changed.';
        case 'replay-failed':
          return `This run could not be opened: ${refusalText(notice.refusal)}.`;
      }
      break;
    case 'import-updated': {
      const parts: string[] = [];
      if (notice.formatFrom !== undefined) parts.push(`was saved in an older format (${notice.formatFrom})`);
      if (notice.scenarioFrom !== undefined) parts.push(`was made on version ${notice.scenarioFrom} of the scenario, and is replayed on version ${notice.scenarioTo}, the one this app has`);
      return `This run ${parts.join(' and ')}${notice.scenarioFrom === undefined ? '. It was updated to open here.' : '.'}`;
    }
    case 'runs-received': {
      const files = (n: number) => (n === 1 ? '1 file' : `${n} files`);
      const parts = [`${notice.received === 1 ? '1 run' : `${notice.received} runs`} received, listed under Received runs.`];
      if (notice.refused > 0) parts.push(`${files(notice.refused)} could not be opened${notice.refused === 1 ? '' : ' (the last reason is shown)'}.`);
      if (notice.skipped > 0) parts.push(`${files(notice.skipped)} left out: at most ${MAX_DROPPED_FILES} are opened at once.`);
      return parts.join(' ');
    }
    case 'update-ready':
      return 'A new version of Outage Drill is ready. Reload to use it: your runs are kept, and a drill in progress goes on where it was.';
  }
}
