/** A decoder's answer as its reader sees it: a refusal's code and its sentence (`runProblemText`). */
import type { DecodeResult } from '../../../src/runs/decode';
import { runProblemText } from '../../../src/runs/words';

export type Worded = Extract<DecodeResult, { ok: true }> | { ok: false; problem: { code: string; message: string } };

export function worded(result: DecodeResult): Worded {
  return result.ok ? result : { ok: false, problem: { code: result.problem.code, message: runProblemText(result.problem) } };
}

/** The sentence of a refusal ('' for a run that opened). */
export const message = (result: DecodeResult): string => (result.ok ? '' : runProblemText(result.problem));
