/** HAProxy's log-line time, `124/084102`: day of the year (from 0) and HHMMSS. */
import { partsOf } from '../time';

export function haproxyStamp(epoch: number): string {
  const p = partsOf(epoch);
  const yday = Math.floor((Date.UTC(p.year, p.month, p.day) - Date.UTC(p.year, 0, 1)) / 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(yday).padStart(3, '0')}/${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}
