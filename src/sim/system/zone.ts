/**
 * The scenario's timezone label as a tz database zone: what /etc/timezone holds, where
 * /etc/localtime points and what timedatectl names. The clock is local time; the offset only
 * gives timedatectl its universal time.
 */
export interface Zone {
  /** `Etc/UTC`, `Europe/Paris`. */
  name: string;
  /** Seconds east of UTC. */
  offset: number;
}

const ZONES: ReadonlyMap<string, Zone> = new Map([
  ['UTC', { name: 'Etc/UTC', offset: 0 }],
  ['GMT', { name: 'Etc/GMT', offset: 0 }],
  ['CET', { name: 'Africa/Tunis', offset: 3600 }],
  ['CEST', { name: 'Europe/Paris', offset: 7200 }],
  ['BST', { name: 'Europe/London', offset: 3600 }],
  ['EET', { name: 'Africa/Cairo', offset: 7200 }],
  ['EST', { name: 'America/New_York', offset: -18000 }],
  ['EDT', { name: 'America/New_York', offset: -14400 }],
  ['PDT', { name: 'America/Los_Angeles', offset: -25200 }],
]);

export function zoneOf(label: string): Zone {
  return ZONES.get(label) ?? { name: 'Etc/UTC', offset: 0 };
}

/** `+0000`, `+0100`, `-0400`. */
export function offsetText(offset: number): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 3600)).padStart(2, '0')}${String(Math.floor(abs / 60) % 60).padStart(2, '0')}`;
}
