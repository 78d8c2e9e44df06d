// @vitest-environment node
/**
 * GNU date 8.28 in other zones, as the fifth blind audit tried it: `TZ=` from the tz database
 * (2020's rules: Tunisia on CET all year, the EU and the US on summer time in March), `-u`, and
 * %z from the zone's offset. The system fixture's hosts run on UTC, 14:05 on Tue 2 Mar 2021.
 */
import { describe, expect, it } from 'vitest';
import { out } from './system-fixture';
import { formatDate } from '../../../src/sim/system/dateFormat';
import { zoneAt, unknownZone } from '../../../src/sim/system/zone';

describe('TZ=', () => {
  it('shows the clock in that zone, with its abbreviation', () => {
    expect(out(['TZ=Africa/Tunis date'])).toBe('Tue Mar  2 15:05:00 CET 2021');
    expect(out(['TZ=Asia/Kolkata date +"%H:%M %Z %z %:z"'])).toBe('19:35 IST +0530 +05:30');
    expect(out(['TZ=America/New_York date -R'])).toMatch(/^Tue, 02 Mar 2021 09:05:\d\d -0500$/);
    expect(out(['export TZ=Asia/Tokyo', 'date +%H; unset TZ; date +%H'])).toBe('23\n14');
  });

  it('a zone file that does not exist is UTC named by its letters, as glibc reads it', () => {
    expect(out(['TZ=Asia/Kolkatta date +"%H:%M %Z"'])).toBe('14:05 Asia');
    expect(unknownZone('x/y')).toEqual({ abbr: 'UTC', offset: 0 });
  });

  it('-u is UTC; %z is the host zone’s offset', () => {
    expect(out(['date -u +"%H:%M %Z %z"'])).toBe('14:05 UTC +0000');
    expect(formatDate(0, '%z %:z %::z %:::z', 'CET')).toBe('+0100 +01:00 +01:00:00 +01');
  });
});

describe('summer time by 2020’s rules', () => {
  const at = (iso: string) => Date.parse(iso) / 1000;
  it('the EU changes at 01:00 UTC on the last Sundays of March and October', () => {
    expect(zoneAt('Europe/Paris', at('2020-03-29T00:59:59Z'))).toEqual({ abbr: 'CET', offset: 3600 });
    expect(zoneAt('Europe/Paris', at('2020-03-29T01:00:00Z'))).toEqual({ abbr: 'CEST', offset: 7200 });
    expect(zoneAt('Europe/London', at('2020-10-25T01:00:00Z'))).toEqual({ abbr: 'GMT', offset: 0 });
    expect(zoneAt('Europe/London', at('2020-05-04T08:40:00Z'))).toEqual({ abbr: 'BST', offset: 3600 });
  });

  it('the US at 02:00 local on the second Sunday of March and the first of November', () => {
    expect(zoneAt('America/New_York', at('2020-03-08T06:59:59Z'))!.abbr).toBe('EST');
    expect(zoneAt('America/New_York', at('2020-03-08T07:00:00Z'))!.abbr).toBe('EDT');
    expect(zoneAt('America/Los_Angeles', at('2020-11-01T08:59:59Z'))!.abbr).toBe('PDT');
    expect(zoneAt('America/Los_Angeles', at('2020-11-01T09:00:00Z'))!.abbr).toBe('PST');
  });

  it('Tunisia keeps CET all year', () => {
    expect(zoneAt('Africa/Tunis', at('2020-07-01T12:00:00Z'))).toEqual({ abbr: 'CET', offset: 3600 });
  });
});
