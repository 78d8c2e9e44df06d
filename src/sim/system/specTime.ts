/** Times in a host's system spec ("06:25:01" on the scenario's day, or "2020-05-01T17:00:12") as clock seconds. */
import { epochOf } from '../time';

/**
 * Clock seconds (since midnight of the scenario's `date`; negative for earlier days) of a time
 * written in the spec, or `fallback` when it is absent.
 */
export function clockOfSpecTime(date: string, text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (clock) return Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0);
  const full = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!full) return fallback;
  const epoch = Date.UTC(Number(full[1]), Number(full[2]) - 1, Number(full[3]), Number(full[4] ?? 0), Number(full[5] ?? 0), Number(full[6] ?? 0)) / 1000;
  return epoch - epochOf(date, 0);
}
