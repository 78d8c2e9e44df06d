/**
 * Sizes as the scenario writes them ("78G", "3.9G", "512M", bytes) and as the tools print
 * them: `df -h` and `free -h` (powers of 1024, one decimal below 10, rounded up), KiB for ps.
 */
import type { SizeSpec } from '../../scenario/world';

const UNITS = ['K', 'M', 'G', 'T', 'P'];

/** Bytes of a size from the scenario ("3.9G" → 4187593113); `fallback` when absent. */
export function bytesOf(size: SizeSpec | undefined, fallback = 0): number {
  if (size === undefined) return fallback;
  if (typeof size === 'number') return size;
  const unit = size.slice(-1);
  const power = UNITS.indexOf(unit) + 1;
  return Math.round(Number(size.slice(0, -1)) * 1024 ** power);
}

/** KiB of a size (what ps's RSS and free's default columns count). */
export function kibOf(size: SizeSpec | undefined, fallbackKib = 0): number {
  return size === undefined ? fallbackKib : Math.round(bytesOf(size) / 1024);
}

/**
 * coreutils' human-readable size (`df -h`, `du -h`, `ls -lh`): powers of 1024, rounded up,
 * one decimal when the value is below 10 ("3.9G", "44G", "5.0M", "0").
 */
export function humanCeil(bytes: number): string {
  if (bytes < 1024) return String(Math.ceil(bytes));
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (value < 10) {
    let tenth = Math.ceil(value * 10 - 1e-9) / 10;
    if (tenth >= 10) {
      // 9.96 rounds up to 10, which is shown without a decimal.
      tenth = 10;
      return `${tenth}${UNITS[unit]}`;
    }
    return `${tenth.toFixed(1)}${UNITS[unit]}`;
  }
  const whole = Math.ceil(value - 1e-9);
  if (whole >= 1024 && unit < UNITS.length - 1) return `1.0${UNITS[unit + 1]}`;
  return `${whole}${UNITS[unit]}`;
}
