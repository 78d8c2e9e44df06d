/**
 * Property tests: whatever names, addresses and options are typed, the network's tools never
 * throw, stay within their bounds, and print only lines of their real formats (never an invented
 * failure).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { netStart, typeNet } from './net-fixture';

const HOSTS = ['desk', 'proxy', 'shop1', 'store'];
/** A fixed seed keeps CI reproducible; NET_SEED=… explores other inputs. */
const SEED = Number(process.env.NET_SEED ?? 20200504);

const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const target = fc.oneof(
  fc.constantFrom('shop-1', 'shop-2.crumb.lan', 'www.crumb.example', 'crumb.example', 'db.crumb.lan', 'example.org', '9.9.9.9', 'localhost', '_gateway', 'desk', 'proxy-1', 'store-db', '10.20.0.5', '203.0.113.7'),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
  fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.')),
  fc.string({ maxLength: 20 }).filter((s) => !/['"\\`$;&|<>(){}*?[\]!#~\s]/.test(s) && s !== ''),
  fc.constantFrom('toString', '__proto__', 'constructor', '999.1.1.1', '1.2.3', '-c', '..', 'a..b', `${'x'.repeat(70)}.com`),
);

/** Every line each tool may print: its real formats, success and failure. */
const SHAPES: Record<string, RegExp[]> = {
  ping: [/^PING \S+ \(\d+\.\d+\.\d+\.\d+\)( from \S+ \S+:)? \d+\(\d+\) bytes of data\.$/, /^\d+ bytes from \S+( \(\d+\.\d+\.\d+\.\d+\))?: icmp_seq=\d+ ttl=\d+( time=[\d.]+ ms)?$/, /^From \S+ icmp_seq=\d+ Destination Host Unreachable$/, /^$/, /^--- \S+ ping statistics ---$/, /^\d+ packets transmitted, \d+ received(, \+\d+ errors)?, \d+% packet loss, time \d+ms$/, /^rtt min\/avg\/max\/mdev = [\d./]+ ms$/, /^pipe \d+$/, /^ping: illegal negative packet size -\d+\.$/, /^ping: (bad timing interval|bad wait time\.|bad linger time\.|ttl \d+ out of range|cannot flood; minimal interval allowed for user is 200ms)$/, /^ping: packet size too large: \d+$/, /^\^C$/, /^ping: \S+: (Name or service not known|Temporary failure in name resolution)$/, /^connect: Network is unreachable$/, /^ping: (bad number of packets to transmit\.|invalid option -- '.'|option requires an argument -- '.'|unrecognized option '--\S*')$/, /^Usage: ping/, /^ {11} \[/],
  dig: [/^$/, /^DiG 9\.11\.3-1ubuntu1\.11-Ubuntu$/, /^; <<>> DiG 9\.11\.3-1ubuntu1\.11-Ubuntu <<>>/, /^; \(\d+ servers? found\)$/, /^;; global options: \+cmd$/, /^;; Got answer:$/, /^;; ->>HEADER<<- opcode: QUERY, status: (NOERROR|NXDOMAIN|SERVFAIL), id: \d+$/, /^;; flags: qr rd ra; QUERY: 1, ANSWER: \d+, AUTHORITY: \d, ADDITIONAL: 1$/, /^;; OPT PSEUDOSECTION:$/, /^; EDNS: version: 0, flags:; udp: \d+$/, /^;; (QUESTION|ANSWER|AUTHORITY) SECTION:$/, /^;\S+[\t ]+IN[\t ]\S+$/, /^\S+[\t ]+\d+[\t ]IN[\t ][A-Z]+[\t ].+$/, /^;; Query time: \d+ msec$/, /^;; SERVER: [\d.]+#53\(\S+\)$/, /^;; WHEN: \w{3} \w{3} \d\d \d\d:\d\d:\d\d UTC \d{4}$/, /^;; MSG SIZE {2}rcvd: \d+$/, /^;; connection timed out; no servers could be reached$/, /^dig: couldn't get address for '.*': not found$/, /^Invalid option: [-+]\S*$/, /^Usage: {2}dig /, /^ {12}[{[]/, /^Use "dig -h"/, /^dig: '.*' is not a legal name \((empty label|label too long|ran out of space)\)$/, /^dig: (Couldn't parse port number|invalid type \S+|'\S+' is not a legal IP address|option requires an argument -- \w)$/, /^[\d.]+$/, /^\S+\.$/, /^\d+ \S+\.$/, /^"/],
  host: [/^host: '.*' is not a legal name \((empty label|label too long|ran out of space)\)$/, /^host: (invalid option -- '.'|unrecognized option '\S+'|option requires an argument -- '.'|invalid type: \S+)$/, /^Usage: host /, /^ {12}\[-R number\]/, /^ {7}-[a-zA-Z46] /, /^\S+ (has address|is an alias for|mail is handled by|domain name pointer|has IPv6 address) .+$/, /^Host \S+ not found: (3\(NXDOMAIN\)|2\(SERVFAIL\))$/, /^\S+ has no [A-Z]+ record$/, /^;; connection timed out; no servers could be reached$/],
  nslookup: [/^nslookup: '.*' is not a legal name \((empty label|label too long|ran out of space)\)$/, /^\t(origin|mail addr|serial|refresh|retry|expire|minimum) = \S+$/, /^[a-z0-9.-]+$/, /^\*\*\* Invalid option: \S+$/, /^unknown query type: \S*$/, /^Server:\t\t\S+$/, /^Address:\t\S+#53$/, /^$/, /^Non-authoritative answer:$/, /^Name:\t\S+$/, /^Address: \S+$/, /^\S+\t(canonical name|name) = \S+$/, /^\*\* server can't find \S+: (NXDOMAIN|SERVFAIL)$/, /^Authoritative answers can be found from:$/, /^\*\*\* Can't find \S+: No answer$/, /^;; connection timed out; no servers could be reached$/],
  tracepath: [/^ 1\?: \[LOCALHOST\] +pmtu \d+$/, /^[ \d]\d: {2}\S.* +[ \d]{2}\d\.\d{3}ms (reached)?$/, /^[ \d]\d: {2}no reply$/, /^ {5}Resume: pmtu \d+ (hops \d+ back \d+ )?$/, /^ {5}Too many hops: pmtu \d+$/, /^tracepath: \S+: (Name or service not known|Temporary failure in name resolution)$/, /^connect: Network is unreachable$/, /^Usage: tracepath/],
};

function run(host: string, command: string) {
  const { steps } = typeNet([command], netStart(host));
  return steps[0]!;
}

describe('the network tools on any input', () => {
  for (const [tool, shapes] of Object.entries(SHAPES)) {
    it(`${tool} prints only its real formats and never fails inside`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...HOSTS), target, fc.constantFrom('', '-c 2 ', '-n ', '+short ', '-t MX ', '-type=ptr '), (host, name, option) => {
          const usable = tool === 'ping' ? option.replace('+short ', '').replace('-t MX ', '').replace('-type=ptr ', '') : tool === 'dig' ? option.replace('-c 2 ', '').replace('-n ', '').replace('-type=ptr ', '') : tool === 'host' ? option.replace('+short ', '').replace('-c 2 ', '').replace('-type=ptr ', '') : tool === 'nslookup' ? option.replace(/^(-c 2|-n|\+short|-t MX) $/, '') : option.replace(/^(-c 2|\+short|-t MX|-type=ptr) $/, '');
          const command = `${tool} ${usable}${tool === 'ping' && !usable.includes('-c') ? '-c 1 ' : ''}'${name}'`;
          const step = run(host, command);
          expect(step.notes.filter((n) => n.startsWith('The drill could not simulate')), command).toEqual([]);
          expect(step.output.length, command).toBeLessThan(120);
          for (const l of step.output) expect(shapes.some((s) => s.test(l)), `${command}\n${l}`).toBe(true);
        }),
        { numRuns: 150, seed: SEED },
      );
    });
  }

  it('ip answers any object, command and device in its own words', () => {
    const word = fc.oneof(label, fc.constantFrom('a', 'addr', 'route', 'r', 'link', 'l', 'neigh', 'show', 'get', 'dev', 'ens3', 'lo', 'tun0', '9.9.9.9', 'help', '-4', '-br', 'list'));
    fc.assert(
      fc.property(fc.constantFrom(...HOSTS), fc.array(word, { maxLength: 4 }), (host, words) => {
        const step = run(host, `ip ${words.join(' ')}`);
        expect(step.notes.filter((n) => n.startsWith('The drill could not simulate'))).toEqual([]);
        expect(step.output.length).toBeLessThan(60);
        for (const l of step.output) expect(l).not.toMatch(/undefined|NaN|null|\[object/);
      }),
      { numRuns: 200, seed: SEED },
    );
  });
});
