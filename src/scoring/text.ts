/** How the score says times and differences in words. Shared by the score's sentences, the CLI and the debrief. */
import { clockText } from '../engine/clock';

/** `08:46`, or `08:46:30` when the seconds matter. */
export function clockLabel(seconds: number): string {
  return clockText(seconds, Math.round(seconds) % 60 !== 0);
}

/** A length of simulated time: `6 minutes`, `1 minute`, `30 seconds`, `2 min 30 s`. */
export function durationText(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (rest === 0) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  if (minutes === 0) return `${rest} second${rest === 1 ? '' : 's'}`;
  return `${minutes} min ${rest} s`;
}

/** Minutes to deduct for being `lateSeconds` late: every minute or part of one counts; early or on time is 0. */
export function minutesLate(lateSeconds: number): number {
  return lateSeconds > 0 ? Math.ceil(lateSeconds / 60) : 0;
}

/** A signed difference in minutes for display: `−6`, `+2.5`, `0`. */
export function signedMinutes(minutes: number): string {
  if (minutes === 0) return '0';
  const text = Number.isInteger(minutes) ? String(Math.abs(minutes)) : Math.abs(minutes).toFixed(2).replace(/0$/, '');
  return `${minutes < 0 ? '−' : '+'}${text}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
