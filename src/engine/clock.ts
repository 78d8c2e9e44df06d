/** The simulated clock: seconds since midnight of the scenario's day. Never the wall clock. */

/** `"08:40"` or `"08:40:30"` to seconds since midnight. */
export function parseClock(text: string): number {
  const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

/** Seconds since midnight to `"08:40"`, or `"08:40:30"` with seconds. */
export function clockText(seconds: number, withSeconds = false): string {
  const total = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hm = `${pad(Math.floor(total / 3600) % 24)}:${pad(Math.floor(total / 60) % 60)}`;
  return withSeconds ? `${hm}:${pad(total % 60)}` : hm;
}

/** A scenario's cost in minutes (fractions allowed) as whole seconds. */
export function secondsOf(minutes: number): number {
  return Math.round(minutes * 60);
}
