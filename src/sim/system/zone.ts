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

/** Seconds into the year's UTC time of the last Sunday of a month at 01:00 UTC (the EU's changes). */
function lastSundayUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1) / 1000;
}

/** The n-th Sunday of a month at 02:00 local standard time, as UTC seconds (the US's changes). */
function nthSundayUtc(year: number, month: number, n: number, standardOffset: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const day = 1 + ((7 - first) % 7) + (n - 1) * 7;
  return Date.UTC(year, month, day, 2) / 1000 - standardOffset;
}

interface ZoneRule {
  readonly standard: readonly [string, number];
  readonly summer?: readonly [string, number];
  readonly rule?: 'eu' | 'us';
}

/** The tz database zones `TZ=` may name, with 2020's rules. */
const TZ_RULES: ReadonlyMap<string, ZoneRule> = new Map<string, ZoneRule>([
  ...['UTC', 'Etc/UTC', 'Universal', 'Zulu', 'UCT', 'Etc/UCT'].map((n) => [n, { standard: ['UTC', 0] }] as const),
  ...['GMT', 'Etc/GMT', 'Greenwich', 'Africa/Abidjan', 'Atlantic/Reykjavik'].map((n) => [n, { standard: ['GMT', 0] }] as const),
  ...['Europe/London', 'Europe/Dublin', 'Europe/Lisbon'].map((n) => [n, { standard: [n === 'Europe/Lisbon' ? 'WET' : 'GMT', 0], summer: [n === 'Europe/London' ? 'BST' : n === 'Europe/Dublin' ? 'IST' : 'WEST', 3600], rule: 'eu' }] as const),
  ...['Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Brussels', 'Europe/Zurich', 'Europe/Vienna', 'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Prague', 'CET'].map((n) => [n, { standard: ['CET', 3600], summer: ['CEST', 7200], rule: 'eu' }] as const),
  ...['Europe/Athens', 'Europe/Helsinki', 'Europe/Kiev', 'Europe/Bucharest', 'EET'].map((n) => [n, { standard: ['EET', 7200], summer: ['EEST', 10800], rule: 'eu' }] as const),
  ['Africa/Tunis', { standard: ['CET', 3600] }],
  ['Africa/Algiers', { standard: ['CET', 3600] }],
  ['Africa/Lagos', { standard: ['WAT', 3600] }],
  ['Africa/Cairo', { standard: ['EET', 7200] }],
  ['Africa/Johannesburg', { standard: ['SAST', 7200] }],
  ['Africa/Casablanca', { standard: ['+01', 3600] }],
  ['Europe/Moscow', { standard: ['MSK', 10800] }],
  ['Europe/Istanbul', { standard: ['+03', 10800] }],
  ['Asia/Dubai', { standard: ['+04', 14400] }],
  ['Asia/Kolkata', { standard: ['IST', 19800] }],
  ['Asia/Singapore', { standard: ['+08', 28800] }],
  ['Asia/Shanghai', { standard: ['CST', 28800] }],
  ['Asia/Tokyo', { standard: ['JST', 32400] }],
  ['Australia/Sydney', { standard: ['AEST', 36000] }],
  ...(['America/New_York', 'US/Eastern', 'EST5EDT'] as const).map((n) => [n, { standard: ['EST', -18000], summer: ['EDT', -14400], rule: 'us' }] as const),
  ...(['America/Chicago', 'US/Central'] as const).map((n) => [n, { standard: ['CST', -21600], summer: ['CDT', -18000], rule: 'us' }] as const),
  ...(['America/Denver', 'US/Mountain'] as const).map((n) => [n, { standard: ['MST', -25200], summer: ['MDT', -21600], rule: 'us' }] as const),
  ...(['America/Los_Angeles', 'US/Pacific', 'PST8PDT'] as const).map((n) => [n, { standard: ['PST', -28800], summer: ['PDT', -25200], rule: 'us' }] as const),
  ['America/Sao_Paulo', { standard: ['-03', -10800] }],
]);

/**
 * What `TZ=NAME` gives at a moment (UTC seconds): the abbreviation and offset, by 2020's rules;
 * null for a name the drill does not know.
 */
export function zoneAt(name: string, utc: number): { abbr: string; offset: number } | null {
  const rule = TZ_RULES.get(name.replace(/^:/, '').replace(/^\/usr\/share\/zoneinfo\//, ''));
  if (!rule) return null;
  if (!rule.summer || !rule.rule) return { abbr: rule.standard[0], offset: rule.standard[1] };
  const year = new Date(utc * 1000).getUTCFullYear();
  const [start, end] = rule.rule === 'eu' ? [lastSundayUtc(year, 2), lastSundayUtc(year, 9)] : [nthSundayUtc(year, 2, 2, rule.standard[1]), nthSundayUtc(year, 10, 1, rule.summer[1])];
  const summer = utc >= start && utc < end;
  const [abbr, offset] = summer ? rule.summer : rule.standard;
  return { abbr, offset };
}

/** A TZ no zone file matches: glibc reads it as a POSIX string, so UTC named by its leading letters (`Asia/Kolkatta` → `Asia`). */
export function unknownZone(name: string): { abbr: string; offset: number } {
  const letters = /^[A-Za-z]{3,}/.exec(name)?.[0];
  return { abbr: letters ?? 'UTC', offset: 0 };
}
