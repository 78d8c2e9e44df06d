/**
 * HTTP through the fixture's shop: curl 7.58.0's output word for word (bodies, -i, -I, -v, -w,
 * -o, -f, -L, cookies, the progress meter into a pipe, its errors and exit codes), and the
 * servers agreeing with each other: the request id curl sees is the one in Nginx's and the app's
 * logs, HAProxy takes turns, a stopped Nginx gives HAProxy's 503, a stopped app Nginx's 502, an
 * emptied table the app's logged error and error page, and the pages come back with the data.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SimWorld } from '../../../src/sim/world';
import { netStart, typeNet } from './net-fixture';
import { expectLines, type ExpectedLine } from './net-expect';

const CR = '\r';
const DATE = `Date: Tue, 02 Mar 2021 14:05:00 GMT${CR}`;
const ID = /^X-Request-Id: [0-9a-f]{32}\r$/;
const INDEX = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Crumb · bread and cakes</title></head><body><h1>Crumb</h1><p>Fresh bread every morning.</p><a href="/login">Log in</a></body></html>';
const METER = ['  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current', '                                 Dload  Upload   Total   Spent    Left  Speed'];

function output(lines: readonly string[], host = 'desk', world?: SimWorld): { out: string[]; status: string; world: SimWorld } {
  const run = typeNet([...lines, 'echo "status=$?"'], world ?? netStart(host));
  const last = run.steps[run.steps.length - 2]!;
  return { out: last.output, status: run.steps[run.steps.length - 1]!.output[0]!, world: run.world };
}

interface Case {
  host?: string;
  before?: string[];
  command: string;
  output: ExpectedLine[];
  status?: number;
}

const corpus: Record<string, Case[]> = {
  bodies: [
    { command: 'curl https://crumb.example/', output: [INDEX] },
    { command: 'curl -s http://shop-1/', output: [INDEX] },
    { command: 'curl https://crumb.example/health', output: ['ok'] },
    { command: 'curl https://crumb.example/account', output: ['Found. Redirecting to /login'] },
    { command: 'curl -s https://crumb.example/api/orders', output: ['{"error":"Not logged in"}'] },
    { command: 'curl -s https://crumb.example/nope', output: ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', '<title>Error</title>', '</head>', '<body>', '<pre>Cannot GET /nope</pre>', '</body>', '</html>'] },
    { command: 'curl -s https://crumb.example/static/missing.css', output: ['<html>\r', '<head><title>404 Not Found</title></head>\r', '<body bgcolor="white">\r', '<center><h1>404 Not Found</h1></center>\r', '<hr><center>nginx/1.14.0 (Ubuntu)</center>\r', '</body>\r', '</html>\r'] },
  ],
  headers: [
    {
      command: 'curl -I https://crumb.example/',
      output: [`HTTP/1.1 200 OK${CR}`, `Server: nginx/1.14.0 (Ubuntu)${CR}`, DATE, `Content-Type: text/html${CR}`, `Content-Length: 200${CR}`, `Last-Modified: Sat, 20 Feb 2021 10:00:00 GMT${CR}`, `Connection: keep-alive${CR}`, `ETag: "6030dda0-c8"${CR}`, `Accept-Ranges: bytes${CR}`, ID, CR],
    },
    {
      command: 'curl -i http://crumb.example/',
      output: [`HTTP/1.1 301 Moved Permanently${CR}`, `Content-length: 0${CR}`, `Location: https://crumb.example/${CR}`, CR],
    },
    {
      command: 'curl -si https://crumb.example/account',
      output: [`HTTP/1.1 302 Found${CR}`, `Server: nginx/1.14.0 (Ubuntu)${CR}`, DATE, `Content-Type: text/plain; charset=utf-8${CR}`, `Content-Length: 28${CR}`, `Connection: keep-alive${CR}`, `X-Powered-By: Express${CR}`, `Location: /login${CR}`, `Vary: Accept${CR}`, ID, CR, 'Found. Redirecting to /login'],
    },
    {
      command: 'curl -s -i -d email=nobody@example.com https://crumb.example/api/login',
      output: [`HTTP/1.1 401 Unauthorized${CR}`, `Server: nginx/1.14.0 (Ubuntu)${CR}`, DATE, `Content-Type: application/json; charset=utf-8${CR}`, `Content-Length: 35${CR}`, `Connection: keep-alive${CR}`, `X-Powered-By: Express${CR}`, /^ETag: W\/"23-[A-Za-z0-9+/]{27}"\r$/, ID, CR, '{"error":"Wrong email or password"}'],
    },
  ],
  options: [
    { command: 'curl -s -o /dev/null -w "%{http_code}\\n" https://crumb.example/account', output: ['302'] },
    { command: 'curl -sL -o /dev/null -w "%{http_code} %{num_redirects} %{url_effective}\\n" http://crumb.example/account', output: ['200 2 https://crumb.example/login'] },
    { command: 'curl -s -w "%{content_type}|%{size_download}|%{remote_ip}:%{remote_port}|%{scheme}\\n" -o page https://crumb.example/', output: ['text/html|200|203.0.113.7:443|HTTPS'] },
    { command: 'curl -s -w "%{nope}" https://crumb.example/health', output: ["okcurl: unknown --write-out variable: 'nope'"] },
    { command: 'curl https://crumb.example/ | wc -c', output: [...METER, /^100 {3}200 {2}100 {3}200 {4}0 {5}0 {2}[ \d]{4}\dk? {6}0 --:--:-- --:--:-- --:--:-- [ \d]{4}\dk?$/, '200'] },
    { command: 'curl -s https://crumb.example/ | wc -c', output: ['200'] },
    { command: 'curl -o page.html https://crumb.example/ && cat page.html', output: [...METER, /^100 {3}200 {2}100 {3}200 {4}0 {5}0 /, INDEX] },
    { command: 'curl -s -H "Accept: text/html" https://crumb.example/account', output: ['<p>Found. Redirecting to <a href="/login">/login</a></p>'] },
    { command: 'curl -s -X DELETE https://crumb.example/account', output: ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', '<title>Error</title>', '</head>', '<body>', '<pre>Cannot DELETE /account</pre>', '</body>', '</html>'] },
  ],
  cookies: [
    {
      before: ['curl -s -c jar -d email=ada@example.com -d password=x https://crumb.example/api/login'],
      command: 'curl -s -b jar https://crumb.example/account',
      output: ['<!doctype html><html><head><title>Your account · Crumb</title></head><body>', '<h1>Hello ada@example.com</h1>', '<p>2 orders</p>', '<ul><li>Order 1: 12.5 EUR</li><li>Order 2: 30 EUR</li></ul>', '</body></html>'],
    },
    {
      before: ['curl -s -c jar -d email=ada@example.com https://crumb.example/api/login'],
      command: 'cat jar',
      output: ['# Netscape HTTP Cookie File', '# https://curl.haxx.se/docs/http-cookies.html', '# This file was generated by libcurl! Edit at your own risk.', '', /^#HttpOnly_crumb\.example\tFALSE\t\/\tFALSE\t0\tcrumb\.sid\t[0-9a-f]{64}$/],
    },
    { command: 'curl -s -b "crumb.sid=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" https://crumb.example/api/orders', output: ['[{"id":3},{}]'] },
  ],
  errors: [
    { command: 'curl http://shop-1:3000/', output: ['curl: (7) Failed to connect to shop-1 port 3000: Connection refused'], status: 7 },
    { command: 'curl http://10.20.0.11:8080/ | cat', output: [...METER, '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0curl: (7) Failed to connect to 10.20.0.11 port 8080: Connection refused'], status: 0 },
    { command: 'curl nosuch.example', output: ['curl: (6) Could not resolve host: nosuch.example'], status: 6 },
    { command: 'curl -s nosuch.example', output: [], status: 6 },
    { command: 'curl -sS nosuch.example', output: ['curl: (6) Could not resolve host: nosuch.example'], status: 6 },
    { command: 'curl --connect-timeout 5 http://store-db:3306/', output: [/^curl: \(28\) Connection timed out after 500\d milliseconds$/], status: 28 },
    { command: 'curl -m 2 http://store-db:3306/', output: [/^curl: \(28\) Connection timed out after 200\d milliseconds$/], status: 28 },
    { command: 'curl -sS https://10.20.0.5/', output: ["curl: (51) SSL: no alternative certificate subject name matches target host name '10.20.0.5'"], status: 51 },
    { command: 'curl -sk -o /dev/null -w "%{http_code}\\n" https://10.20.0.5/', output: ['200'] },
    { command: 'curl https://shop-1/', output: ['curl: (7) Failed to connect to shop-1 port 443: Connection refused'], status: 7 },
    { command: 'curl https://shop-1:80/', output: ['curl: (35) error:1408F10B:SSL routines:ssl3_get_record:wrong version number'], status: 35 },
    { command: 'curl http://crumb.example:443/', output: ['curl: (52) Empty reply from server'], status: 52 },
    { command: 'curl ftp://crumb.example/', output: ['curl: (1) Protocol "ftp" not supported or disabled in libcurl'], status: 1 },
    { command: 'curl', output: ['curl: no URL specified!', "curl: try 'curl --help' or 'curl --manual' for more information"], status: 2 },
    { command: 'curl --bogus https://crumb.example/', output: ['curl: option --bogus: is unknown', "curl: try 'curl --help' or 'curl --manual' for more information"], status: 2 },
    { command: 'curl -o', output: ['curl: option -o: requires parameter', "curl: try 'curl --help' or 'curl --manual' for more information"], status: 2 },
    { command: 'curl -f https://crumb.example/nope', output: ['curl: (22) The requested URL returned error: 404 Not Found'], status: 22 },
    { command: 'curl -o /nope/x https://crumb.example/', output: [...METER, 'Warning: Failed to create the file /nope/x: No such file or directory', /^ {2}0 {5}0 {4}0 {5}0 {4}0 {5}0 {6}0 {6}0 --:--:-- --:--:-- --:--:-- {5}0curl: \(23\) Failed writing body \(0 != 200\)$/], status: 23 },
  ],
};

describe('curl answers as Ubuntu 18.04\'s curl 7.58.0 does', () => {
  for (const [group, cases] of Object.entries(corpus)) {
    describe(group, () => {
      for (const c of cases) {
        it(`${c.host ?? 'desk'}$ ${c.command}`, () => {
          const { out, status } = output([...(c.before ?? []), c.command], c.host);
          expectLines(out, c.output);
          if (c.status !== undefined) expect(status).toBe(`status=${c.status}`);
        });
      }
    });
  }

  it('-v prints the connection, the brief TLS lines, the request and the answer', () => {
    const { out } = output(['curl -v -o /dev/null -s https://crumb.example/login']);
    expectLines(out, [
      '*   Trying 203.0.113.7...',
      '* TCP_NODELAY set',
      '* Connected to crumb.example (203.0.113.7) port 443 (#0)',
      '* ALPN, offering h2',
      '* ALPN, offering http/1.1',
      '* successfully set certificate verify locations:',
      '*   CAfile: /etc/ssl/certs/ca-certificates.crt',
      '  CApath: /etc/ssl/certs',
      '* TLSv1.2 (OUT), TLS handshake, Client hello (1):',
      '* TLSv1.2 (IN), TLS handshake, Server hello (2):',
      '* TLSv1.2 (IN), TLS handshake, Certificate (11):',
      '* TLSv1.2 (IN), TLS handshake, Server key exchange (12):',
      '* TLSv1.2 (IN), TLS handshake, Server finished (14):',
      '* TLSv1.2 (OUT), TLS handshake, Client key exchange (16):',
      '* TLSv1.2 (OUT), TLS change cipher, Client hello (1):',
      '* TLSv1.2 (OUT), TLS handshake, Finished (20):',
      '* TLSv1.2 (IN), TLS change cipher, Client hello (1):',
      '* TLSv1.2 (IN), TLS handshake, Finished (20):',
      '* SSL connection using TLSv1.2 / ECDHE-RSA-AES256-GCM-SHA384',
      '* ALPN, server did not agree to a protocol',
      '* Server certificate:',
      '*  subject: CN=crumb.example',
      '*  start date: Jan 10 00:00:00 2021 GMT',
      '*  expire date: Apr 10 00:00:00 2021 GMT',
      '*  subjectAltName: host "crumb.example" matched cert\'s "crumb.example"',
      "*  issuer: C=US; O=Let's Encrypt; CN=Let's Encrypt Authority X3",
      '*  SSL certificate verify ok.',
      '> GET /login HTTP/1.1',
      '> Host: crumb.example',
      '> User-Agent: curl/7.58.0',
      '> Accept: */*',
      '> ',
      '< HTTP/1.1 200 OK',
      '< Server: nginx/1.14.0 (Ubuntu)',
      '< Date: Tue, 02 Mar 2021 14:05:00 GMT',
      '< Content-Type: text/html',
      '< Content-Length: 291',
      '< Last-Modified: Sat, 20 Feb 2021 10:00:00 GMT',
      '< Connection: keep-alive',
      '< ETag: "6030dda0-123"',
      '< Accept-Ranges: bytes',
      /^< X-Request-Id: [0-9a-f]{32}$/,
      '< ',
      '{ [291 bytes data]',
      '* Connection #0 to host crumb.example left intact',
    ]);
  });

  it('-v on a refused port says what connect said, and closes', () => {
    expectLines(output(['curl -v http://10.20.0.11:8080/']).out, ['*   Trying 10.20.0.11...', '* TCP_NODELAY set', '* connect to 10.20.0.11 port 8080 failed: Connection refused', '* Failed to connect to 10.20.0.11 port 8080: Connection refused', '* Closing connection 0', 'curl: (7) Failed to connect to 10.20.0.11 port 8080: Connection refused']);
  });
});

function logOf(world: SimWorld, host: string, path: string): string[] {
  return typeNet([`sudo cat ${path}`], { ...world, sessions: [{ kind: 'shell', host, user: 'maya', cwd: '/home/maya', env: {}, history: [], status: 0, via: 'login' }] }).steps[0]!.output;
}

describe('the servers agree with each other', () => {
  it('the request id curl sees is the one in the app log of the server that answered, and every hop logged the request (HAProxy in its file only: the rsyslog socket in the chroot, not the journal)', () => {
    const { out, world } = output(['curl -si https://crumb.example/api/orders']);
    const id = /X-Request-Id: ([0-9a-f]{32})/.exec(out.join('\n'))![1]!;
    const answered = ['shop1', 'shop2'].filter((h) => logOf(world, h, '/var/log/crumb/app.log').some((l) => l.includes(`id=${id}`)));
    expect(answered).toHaveLength(1);
    const host = answered[0]!;
    expect(logOf(world, host, '/var/log/crumb/app.log').find((l) => l.includes(id))).toMatch(/^2021-03-02T14:05:00\.\d{3}Z INFO {2}GET \/api\/orders 401 \d+ms id=[0-9a-f]{32}$/);
    expect(logOf(world, host, '/var/log/nginx/access.log')).toContain('10.99.0.6 - - [02/Mar/2021:14:05:00 +0000] "GET /api/orders HTTP/1.1" 401 25 "-" "curl/7.58.0"');
    const haproxy = logOf(world, 'proxy', '/var/log/haproxy.log');
    expect(haproxy[haproxy.length - 1]).toMatch(new RegExp(`^Mar  2 14:05:00 proxy-1 haproxy\\[907\\]: 10\\.99\\.0\\.6:\\d+ \\[02/Mar/2021:14:05:00\\.\\d{3}\\] https-in~ shop/${host === 'shop1' ? 'shop-1' : 'shop-2'} 0/0/1/\\d+/\\d+ 401 \\d+ - - ---- \\d+/\\d+/[1-9]\\d*/[1-9]\\d*/0 0/0 "GET /api/orders HTTP/1.1"$`));
    expect(typeNet(['journalctl -u haproxy --no-pager | tail -n 1'], { ...world, sessions: [{ kind: 'shell', host: 'proxy', user: 'root', cwd: '/root', env: {}, history: [], status: 0, via: 'login' }] }).steps[0]!.output.join('\n')).not.toContain('"GET /api/orders HTTP/1.1"');
  });

  it('HAProxy hands requests to each web server in turn, the turn kept in the world', () => {
    let world = netStart();
    const served: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const run = output(['curl -s -o /dev/null https://crumb.example/api/orders'], 'desk', world);
      world = run.world;
      const haproxy = logOf(world, 'proxy', '/var/log/haproxy.log');
      served.push(/shop\/(shop-\d)/.exec(haproxy[haproxy.length - 1]!)![1]!);
    }
    expect(served).toEqual(['shop-1', 'shop-2', 'shop-1', 'shop-2', 'shop-1', 'shop-2']);
    // The same inputs give the same turns.
    expect(output(['curl -s -o /dev/null https://crumb.example/api/orders']).world.hosts.proxy!.net).toEqual(output(['curl -s -o /dev/null https://crumb.example/api/orders']).world.hosts.proxy!.net);
  });

  it('a stopped app gives Nginx\'s 502 on that server, and HAProxy\'s check sends everyone to the other', () => {
    const { out, world } = output(['ssh shop-1 sudo systemctl stop crumb-shop', 'curl -s http://shop-1/account']);
    expectLines(out, ['<html>\r', '<head><title>502 Bad Gateway</title></head>\r', '<body bgcolor="white">\r', '<center><h1>502 Bad Gateway</h1></center>\r', '<hr><center>nginx/1.14.0 (Ubuntu)</center>\r', '</body>\r', '</html>\r']);
    expect(logOf(world, 'shop1', '/var/log/nginx/error.log').pop()).toMatch(/^2021\/03\/02 14:05:00 \[error\] \d+#\d+: \*\d+ connect\(\) failed \(111: Connection refused\) while connecting to upstream, client: 10\.99\.0\.6, server: crumb\.example, request: "GET \/account HTTP\/1\.1", upstream: "http:\/\/127\.0\.0\.1:3000\/account", host: "shop-1"$/);
    let w = world;
    for (let i = 0; i < 3; i += 1) {
      const run = output(['curl -s -o /dev/null -w "%{http_code}\\n" https://crumb.example/account'], 'desk', w);
      expect(run.out).toEqual(['302']);
      w = run.world;
    }
    expect(logOf(w, 'proxy', '/var/log/haproxy.log').slice(-3).every((l) => l.includes('shop/shop-2'))).toBe(true);
  });

  it('with Nginx stopped on both servers HAProxy answers its own 503, and logs <NOSRV>', () => {
    const { out, world, status } = output(['ssh shop-1 sudo systemctl stop nginx', 'ssh shop-2 sudo systemctl stop nginx', 'curl -i https://crumb.example/']);
    expectLines(out, ['HTTP/1.0 503 Service Unavailable\r', 'Cache-Control: no-cache\r', 'Connection: close\r', 'Content-Type: text/html\r', '\r', '<html><body><h1>503 Service Unavailable</h1>', 'No server is available to handle this request.', '</body></html>']);
    expect(status).toBe('status=0');
    expect(logOf(world, 'proxy', '/var/log/haproxy.log').pop()).toMatch(/ https-in~ shop\/<NOSRV> 0\/-1\/-1\/-1\/0 503 212 - - SC-- \d+\/\d+\/[1-9]\d*\/0\/0 0\/0 "GET \/ HTTP\/1\.1"$/);
    const again = output(['ssh shop-1 sudo systemctl start nginx', 'curl -s -o /dev/null -w "%{http_code}\\n" https://crumb.example/'], 'desk', world);
    expect(again.out).toEqual(['200']);
  });

  it('an emptied table fails the app\'s pages with its logged error, while the static pages load; the data back, they work again', () => {
    const wiped = output(['ssh store-db \'sudo mysql -e "DELETE FROM crumb.settings"\'', 'curl -s -o /dev/null -w "%{http_code}\\n" https://crumb.example/']);
    expect(wiped.out).toEqual(['200']);
    const page = output(['curl -si https://crumb.example/account'], 'desk', wiped.world);
    expect(page.out[0]).toBe('HTTP/1.1 500 Internal Server Error');
    expect(page.out[page.out.length - 1]).toBe('<!doctype html><html><head><title>Error · Crumb</title></head><body><h1>Sorry</h1><p>Something went wrong.</p></body></html>');
    const id = /X-Request-Id: ([0-9a-f]{32})/.exec(page.out.join('\n'))![1]!;
    const host = ['shop1', 'shop2'].find((h) => logOf(page.world, h, '/var/log/crumb/app.log').some((l) => l.includes(id)))!;
    const log = logOf(page.world, host, '/var/log/crumb/app.log').slice(-3);
    expect(log[0]).toMatch(/^2021-03-02T14:05:00\.\d{3}Z WARN {2}no rows: SELECT name, value FROM settings WHERE name = 'shop_open'$/);
    expect(log[1]).toMatch(new RegExp(`^2021-03-02T14:05:00\\.\\d{3}Z ERROR GET /account 500 \\d+ms id=${id} - TypeError: Cannot read properties of undefined \\(reading 'value'\\)$`));
    expect(log[2]).toBe('    at loadSettings (/srv/crumb/settings.js:4:22)');
    const login = output(['curl -s -d email=ada@example.com https://crumb.example/api/login'], 'desk', page.world);
    expect(login.out).toEqual(['{"error":"Something went wrong"}']);
    const restored = output(['ssh store-db \'sudo mysql -e "INSERT INTO crumb.settings VALUES (\\"shop_open\\", \\"yes\\")"\'', 'curl -s -o /dev/null -w "%{http_code}\\n" https://crumb.example/account'], 'desk', login.world);
    expect(restored.out).toEqual(['302']);
  });

  it('the app logs the driver\'s error when MySQL is stopped, and answers its error page', () => {
    const { out, world } = output(['ssh store-db sudo systemctl stop mysql', 'curl -s -b "crumb.sid=x" https://crumb.example/api/orders']);
    expect(out).toEqual(['{"error":"Something went wrong"}']);
    const lines = [...logOf(world, 'shop1', '/var/log/crumb/app.log'), ...logOf(world, 'shop2', '/var/log/crumb/app.log')];
    expect(lines.some((l) => /ERROR GET \/api\/orders 500 \d+ms id=[0-9a-f]{32} - Error: connect ECONNREFUSED 10\.20\.1\.5:3306$/.test(l))).toBe(true);
  });
});

describe('curl on any input', () => {
  const SEED = Number(process.env.NET_SEED ?? 20200504);
  const word = fc.oneof(
    fc.constantFrom('https://crumb.example/', 'http://crumb.example/account', 'https://crumb.example/api/orders', 'http://shop-1/', 'shop-2', 'http://store-db:3306/', 'https://10.20.0.5/', 'nosuch', 'ftp://x', '9.9.9.9', 'http://example.org/', '-s', '-S', '-v', '-i', '-I', '-L', '-k', '-f', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST', '-d', 'a=b', '-H', 'Accept:', '-m', '1', '-b', 'x=y', '-c', 'jar', '--max-time', '--bogus', 'toString', '__proto__'),
    fc.string({ maxLength: 10 }).filter((s) => s !== '' && !/['"\\`$;&|<>(){}*?[\]!#~\s]/.test(s)),
  );
  it('never fails inside, stays bounded, prints no undefined, and exits with one of curl\'s codes', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.boolean(), (words, piped) => {
        const command = `curl ${words.map((w) => `'${w}'`).join(' ')}${piped ? ' | cat' : ''}`;
        const run = typeNet([command, 'echo $?']);
        const step = run.steps[0]!;
        expect(step.notes.filter((n) => n.startsWith('The drill could not simulate')), command).toEqual([]);
        expect(step.output.length, command).toBeLessThan(400);
        for (const l of step.output) expect(l, command).not.toMatch(/undefined|NaN|\[object/);
        if (!piped) expect(['0', '1', '2', '3', '6', '7', '22', '23', '28', '35', '47', '51', '52', '56'], command).toContain(run.steps[1]!.output[0]);
      }),
      { numRuns: 80, seed: SEED },
    );
  });
});
