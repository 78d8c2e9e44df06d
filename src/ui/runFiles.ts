/** Moving runs in and out of the browser: file download, file import, share links. */
import type { Scenario } from '../scenario/schema';
import { decodeRunText, type DecodeResult } from '../runs/decode';
import { MAX_RUN_BYTES, encodeRun, type Run } from '../runs/format';
import { encodeShareFragment } from '../runs/share';

export function runFileName(run: Run): string {
  const who = run.trainee ? `-${run.trainee.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}` : '';
  return `outage-drill-${run.scenario.id}${who}-${run.startedAt.slice(0, 10)}.json`;
}

/** Saves the run as a `.json` file through the browser's download. */
export function downloadRun(run: Run): void {
  downloadText(runFileName(run), encodeRun(run));
}

/** Saves text as a file through the browser's download (a `.json` file by default: saved data kept as it was, for instance). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a picked or dropped file as a run; size is checked before reading a byte. */
export async function importRunFile(file: File, scenarios: readonly Scenario[]): Promise<DecodeResult> {
  if (file.size > MAX_RUN_BYTES) {
    return { ok: false, problem: { code: 'too-large', bytes: file.size, limit: MAX_RUN_BYTES, file: file.name } };
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, problem: { code: 'unreadable', file: file.name } };
  }
  const result = decodeRunText(text, scenarios);
  return result.ok ? result : { ok: false, problem: { ...result.problem, file: file.name } };
}

/** The link that opens this run read-only, replayed, with its debrief. */
export async function shareLink(run: Run): Promise<string> {
  return `${location.origin}${location.pathname}#${await encodeShareFragment(run)}`;
}
