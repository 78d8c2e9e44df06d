/**
 * Sizes for people, as coreutils' human_readable() writes them for `ls -h`, `du -h` and `df -h`:
 * powers of 1024, rounded up, one decimal below 10 (`4.0K`, `1.5M`), none from 10 on (`12K`).
 */

const SUFFIXES = ['K', 'M', 'G', 'T', 'P', 'E'];

/** `bytes` written the -h way; under 1024 it is the plain number. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(Math.ceil(bytes));
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < SUFFIXES.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (value < 10) {
    const tenths = Math.ceil(value * 10 - 1e-9);
    if (tenths < 100) return `${Math.floor(tenths / 10)}.${tenths % 10}${SUFFIXES[unit]}`;
    value = 10;
  }
  let whole = Math.ceil(value - 1e-9);
  if (whole >= 1024 && unit < SUFFIXES.length - 1) {
    unit += 1;
    return `1.0${SUFFIXES[unit]}`;
  }
  if (whole < 10) whole = 10;
  return `${whole}${SUFFIXES[unit]}`;
}
