/**
 * What the drill's window and the facilitator's console say to each other, over a
 * BroadcastChannel of this origin (two windows of one browser: no server). The drill's window is
 * the one source of truth: it holds the run and sends what the console shows (`state`, on every
 * change and every two seconds); the console sends commands (`act`), which the drill records in
 * the run on the facilitator's channel like any input. Either window may reload: the console asks
 * again (`hello`), and a drill that starts sends its state unasked.
 */

export const FACILITATOR_CHANNEL = 'outage-drill:facilitator';
/** The console counts the drill gone when it has heard nothing for this long (it sends every 2 s). */
export const SILENCE_MS = 5_000;
export const HEARTBEAT_MS = 2_000;
/** Longest command a console may send (a note is the longest). */
export const MAX_ACT_CHARS = 2_000;

export type Stage = 'briefing' | 'investigating' | 'paused' | 'held' | 'resolved' | 'failed';

export interface ConsoleInject {
  id: string;
  title: string;
  description: string;
  /** Null when it can be fired now; else why not, in words. */
  unavailable: string | null;
}

export interface ConsoleLogEntry {
  clock: string;
  command: string;
  lines: string[];
  done: boolean;
}

export interface ConsoleState {
  type: 'state';
  scenario: { id: string; title: string; timezone: string } | null;
  stage: Stage | null;
  trainee: string | null;
  clock: string;
  host: string;
  injects: ConsoleInject[];
  prompts: { id: string; text: string }[];
  /** What each tier of the hint that fits now would say (the facilitator's preview). */
  hints: (string | null)[];
  /** The day's timeline, each event marked when the drill's clock has passed it. */
  team: { at: string; who: string; what: string; passed: boolean }[];
  /** The trainee's last steps, newest last. */
  recent: { clock: string; where: string; input: string }[];
  /** What the facilitator did, in order. */
  log: ConsoleLogEntry[];
  /** The scenario's facts now: the facilitator's private view of the world. */
  facts: [string, string][];
}

export type DrillMessage = ConsoleState | { type: 'bye' };
export type ConsoleMessage = { type: 'hello' } | { type: 'act'; text: string };

export function isConsoleMessage(data: unknown): data is ConsoleMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as { type?: unknown; text?: unknown };
  return m.type === 'hello' || (m.type === 'act' && typeof m.text === 'string' && m.text.length <= MAX_ACT_CHARS);
}

export function isDrillMessage(data: unknown): data is DrillMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as { type?: unknown };
  return m.type === 'bye' || (m.type === 'state' && Array.isArray((data as ConsoleState).injects) && Array.isArray((data as ConsoleState).log));
}
