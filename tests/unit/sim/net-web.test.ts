/**
 * The drill's browser and GNU Wget 1.19.4 on the fixture's shop: pages as w3m -dump shows them,
 * the test account's login, the cookie jar kept in the world and emptied by clear-cache, wget's
 * log and saved files word for word; both taking the same way as curl (their requests in the
 * servers' logs), and neither failing inside on any input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SimWorld } from '../../../src/sim/world';
import { netStart, typeNet } from './net-fixture';
import { expectLines, type ExpectedLine } from './net-expect';

function run(lines: readonly string[], world: SimWorld = netStart()): { out: string[]; notes: string[]; world: SimWorld; status: string } {
  const r = typeNet([...lines, 'echo $?'], world);
  const last = r.steps[r.steps.length - 2]!;
  return { out: last.output, notes: last.notes, world: r.world, status: r.steps[r.steps.length - 1]!.output[0]! };
}

const ACCOUNT = ['200 OK  https://crumb.example/account', 'Hello ada@example.com', '', '2 orders', '', '  • Order 1: 12.5 EUR', '  • Order 2: 30 EUR'];
const LOGIN_PAGE = ['200 OK  https://crumb.example/login', 'Email [                    ]', 'Password [                    ]', '[Log in]'];

describe('browser', () => {
  const cases: { before?: string[]; command: string; output: ExpectedLine[]; status?: string }[] = [
    { command: 'browser open https://crumb.example/', output: ['200 OK  https://crumb.example/', 'Crumb', '', 'Fresh bread every morning.', '', 'Log in'], status: '0' },
    { command: 'browser open crumb.example', output: ['200 OK  https://crumb.example/', 'Crumb', '', 'Fresh bread every morning.', '', 'Log in'] },
    { command: 'browser open https://crumb.example/account', output: LOGIN_PAGE },
    { command: 'browser login', output: ['Opening https://crumb.example/login ... 200 OK', 'Logging in as ada@example.com ...', 'POST https://crumb.example/api/login → 200 OK', ...ACCOUNT], status: '0' },
    { before: ['browser login'], command: 'browser open https://crumb.example/account', output: ACCOUNT },
    { before: ['browser login'], command: 'browser clear-cache', output: ['Cleared the cache (3 pages) and the cookies (1) of every site.'] },
    { before: ['browser login', 'browser clear-cache'], command: 'browser open https://crumb.example/account', output: LOGIN_PAGE },
    { command: 'browser open https://crumb.example/nope', output: ['404 Not Found  https://crumb.example/nope', 'Cannot GET /nope'], status: '1' },
    { command: 'browser open http://nosuch.example/', output: ['Server not found: nosuch.example.'], status: '1' },
    { command: 'browser open http://shop-1:3000/', output: ['Unable to connect to shop-1: connection refused.'] },
    { command: 'browser open https://10.20.0.5/', output: ['Security warning: the certificate of 10.20.0.5 is not valid for that name. The page was not opened.'] },
    { command: 'browser open ftp://x/', output: ['browser: ftp: addresses are not web pages.'], status: '2' },
    { command: 'browser', output: ['Usage: browser open URL', '       browser login [URL]', '       browser clear-cache'], status: '2' },
    { command: 'browser fly', output: ['Usage: browser open URL', '       browser login [URL]', '       browser clear-cache'], status: '2' },
  ];
  for (const c of cases) {
    it(`desk$ ${c.command}`, () => {
      const r = run([...(c.before ?? []), c.command]);
      expectLines(r.out, c.output);
      if (c.status) expect(r.status).toBe(c.status);
    });
  }

  it('is installed only where the host lists it', () => {
    expect(run(['browser open https://crumb.example/'], netStart('shop1')).out[0]).toBe('browser: command not found');
  });

  it('says the drill typed the password, and keeps its cookie in the world between steps', () => {
    const r = run(['browser login']);
    expect(r.notes).toContain("The drill typed the test account's password for you.");
    const jar = r.world.hosts.desk!.net!.browserCookies!;
    expect(jar.map((c) => [c.domain, c.name])).toEqual([['crumb.example', 'crumb.sid']]);
  });

  it('its requests land in the servers\' logs like curl\'s, with the browser\'s user agent', () => {
    const r = run(['browser open https://crumb.example/account']);
    const logs = ['shop1', 'shop2'].flatMap((h) => typeNet(['sudo cat /var/log/nginx/access.log'], { ...r.world, sessions: [{ kind: 'shell', host: h, user: 'maya', cwd: '/home/maya', env: {}, history: [], status: 0, via: 'login' }] }).steps[0]!.output);
    expect(logs.filter((l) => l.includes('Firefox/75.0')).map((l) => /"(GET \S+) HTTP\/1\.1" (\d+)/.exec(l)!.slice(1).join(' ')).sort()).toEqual(['GET /account 302', 'GET /login 200']);
  });

  it('shows the login form\'s error when the app fails, and the pages again once the data is back', () => {
    const wiped = run(['ssh store-db \'sudo mysql -e "DELETE FROM crumb.settings"\'', 'browser login']);
    expectLines(wiped.out, ['Opening https://crumb.example/login ... 200 OK', 'Logging in as ada@example.com ...', 'POST https://crumb.example/api/login → 500 Internal Server Error', '"Something went wrong"']);
    expect(run(['browser open https://crumb.example/'], wiped.world).out[0]).toBe('200 OK  https://crumb.example/');
    const back = run(['ssh store-db \'sudo mysql -e "INSERT INTO crumb.settings VALUES (\\"shop_open\\", \\"yes\\")"\'', 'browser login'], wiped.world);
    expect(back.out.slice(3)).toEqual(ACCOUNT);
  });
});

const BAR = (name: string, size: number) => `${name.padEnd(19)} 100%[===================>] ${String(size).padStart(7)}  --.-KB/s    in 0s      `;

describe('wget', () => {
  const cases: { command: string; output: ExpectedLine[]; status?: string }[] = [
    {
      command: 'wget https://crumb.example/',
      output: ['--2021-03-02 14:05:00--  https://crumb.example/', 'Resolving crumb.example (crumb.example)... 203.0.113.7', 'Connecting to crumb.example (crumb.example)|203.0.113.7|:443... connected.', 'HTTP request sent, awaiting response... 200 OK', 'Length: 200 [text/html]', 'Saving to: ‘index.html’', '', BAR('index.html', 200), '', /^2021-03-02 14:05:00 \(\d+\.\d (KB|MB)\/s\) - ‘index\.html’ saved \[200\/200\]$/, ''],
      status: '0',
    },
    {
      command: 'wget http://crumb.example/account',
      output: [
        '--2021-03-02 14:05:00--  http://crumb.example/account', 'Resolving crumb.example (crumb.example)... 203.0.113.7', 'Connecting to crumb.example (crumb.example)|203.0.113.7|:80... connected.', 'HTTP request sent, awaiting response... 301 Moved Permanently', 'Location: https://crumb.example/account [following]',
        '--2021-03-02 14:05:00--  https://crumb.example/account', 'Connecting to crumb.example (crumb.example)|203.0.113.7|:443... connected.', 'HTTP request sent, awaiting response... 302 Found', 'Location: /login [following]',
        '--2021-03-02 14:05:00--  https://crumb.example/login', 'Reusing existing connection to crumb.example:443.', 'HTTP request sent, awaiting response... 200 OK', 'Length: 291 [text/html]', 'Saving to: ‘login’', '', BAR('login', 291), '', /^2021-03-02 14:05:00 \(.*\) - ‘login’ saved \[291\/291\]$/, '',
      ],
    },
    { command: 'wget -q -O - https://crumb.example/health', output: ['ok'], status: '0' },
    { command: 'wget -q https://crumb.example/nope', output: [], status: '8' },
    { command: 'wget https://crumb.example/nope', output: ['--2021-03-02 14:05:00--  https://crumb.example/nope', 'Resolving crumb.example (crumb.example)... 203.0.113.7', 'Connecting to crumb.example (crumb.example)|203.0.113.7|:443... connected.', 'HTTP request sent, awaiting response... 404 Not Found', '2021-03-02 14:05:00 ERROR 404: Not Found.', ''], status: '8' },
    { command: 'wget http://shop-1:3000/', output: ['--2021-03-02 14:05:00--  http://shop-1:3000/', 'Resolving shop-1 (shop-1)... 10.20.0.11', 'Connecting to shop-1 (shop-1)|10.20.0.11|:3000... failed: Connection refused.'], status: '4' },
    { command: 'wget nosuch.example', output: ['--2021-03-02 14:05:00--  http://nosuch.example/', 'Resolving nosuch.example (nosuch.example)... failed: Name or service not known.', 'wget: unable to resolve host address ‘nosuch.example’'], status: '4' },
    { command: 'wget https://10.20.0.5/', output: ['--2021-03-02 14:05:00--  https://10.20.0.5/', 'Connecting to 10.20.0.5:443... connected.', 'ERROR: certificate common name ‘crumb.example’ doesn\'t match requested host name ‘10.20.0.5’.', "To connect to 10.20.0.5 insecurely, use `--no-check-certificate'."], status: '5' },
    { command: 'wget', output: ['wget: missing URL', 'Usage: wget [OPTION]... [URL]...', '', "Try `wget --help' for more options."], status: '1' },
  ];
  for (const c of cases) {
    it(`desk$ ${c.command}`, () => {
      const r = run([c.command]);
      expectLines(r.out, c.output);
      if (c.status) expect(r.status).toBe(c.status);
    });
  }

  it('saves the page with the bytes the server sent, and numbers a second copy', () => {
    const r = run(['wget -q https://crumb.example/', 'wget -q https://crumb.example/', 'ls', 'cmp index.html index.html.1 && wc -c < index.html']);
    expect(typeNet(['ls'], r.world).steps[0]!.output.join(' ')).toContain('index.html.1');
    expect(typeNet(['wc -c index.html'], r.world).steps[0]!.output).toEqual(['200 index.html']);
  });

  it('-S prints the server\'s headers, indented, with the request id the logs have', () => {
    const r = run(['wget -S -q -O /dev/null https://crumb.example/', 'wget -S -O /dev/null https://crumb.example/health']);
    expect(r.out).toContain('  HTTP/1.1 200 OK');
    expect(r.out.find((l) => l.startsWith('  X-Request-Id: '))).toMatch(/^ {2}X-Request-Id: [0-9a-f]{32}$/);
  });
});

describe('browser and wget on any input', () => {
  const SEED = Number(process.env.NET_SEED ?? 20200504);
  const word = fc.oneof(fc.constantFrom('open', 'login', 'clear-cache', 'https://crumb.example/', 'crumb.example/account', 'http://shop-2/', 'nosuch', 'ftp://a', '-q', '-O', '-', '-S', '--no-check-certificate', 'toString', '__proto__'), fc.string({ maxLength: 8 }).filter((s) => s !== '' && !/['"\\`$;&|<>(){}*?[\]!#~\s]/.test(s)));
  for (const tool of ['browser', 'wget']) {
    it(`${tool} never fails inside and stays bounded`, () => {
      fc.assert(
        fc.property(fc.array(word, { maxLength: 4 }), (words) => {
          const command = `${tool} ${words.map((w) => `'${w}'`).join(' ')}`;
          const step = typeNet([command]).steps[0]!;
          expect(step.notes.filter((n) => n.startsWith('The drill could not simulate')), command).toEqual([]);
          expect(step.output.length, command).toBeLessThan(300);
          for (const l of step.output) expect(l, command).not.toMatch(/undefined|NaN|\[object/);
        }),
        { numRuns: 50, seed: SEED },
      );
    });
  }
});
