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

/**
 * Minutes to deduct for being `lateSeconds` after the team: whole minutes. The day's timeline is
 * kept to the minute (08:50 is any time in that minute), so 08:50:05 against 08:50 is on time.
 */
export function minutesLate(lateSeconds: number): number {
  return lateSeconds > 0 ? Math.floor(lateSeconds / 60) : 0;
}

/** A signed difference for display, from minutes: `−6 min`, `+2 min 30 s`, `−40 s`, `0`. */
export function signedMinutes(minutes: number): string {
  const seconds = Math.round(minutes * 60);
  if (seconds === 0) return '0';
  const whole = Math.floor(Math.abs(seconds) / 60);
  const rest = Math.abs(seconds) % 60;
  const text = rest === 0 ? `${whole} min` : whole === 0 ? `${rest} s` : `${whole} min ${rest} s`;
  return `${seconds < 0 ? '−' : '+'}${text}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
