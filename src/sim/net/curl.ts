/**
 * `curl` 7.58.0 (Ubuntu 18.04, OpenSSL 1.1) over the simulated network: the body on stdout, the
 * progress meter on stderr only when the body does not go to the terminal (and not with -s),
 * `-v`'s `*`, `>` and `<` lines (TLS in brief: the handshake lines curl prints and the server's
 * certificate), `-i`, `-I`, `-o`, `-O`, `-w`, `-L`, `-k`, `-H`, `-X`, `-d`, `-b`/`-c` cookie jars,
 * `-m`, `--connect-timeout`, `-f`, `telnet://HOST:PORT` (what the server says first), and its exit
 * codes and messages word for word.
 */
import type { ProgramContext } from '../process';
import { FS_ERROR_TEXT } from '../process';
import { has, parseOptions, valueOf, valuesOf } from './options';
import { cookieFileText, cookieHeader, fetchUrl, hostHeader, parseSetCookie, readCookieFile, storeCookie } from './http/client';
import { byteLength, headerOf, headersOf, type Header, type HttpResponse } from './http/message';
import { parseUrl, resolveLocation, urlText, type Url } from './http/url';
import type { Cookie } from './state';
import { SSH_BANNER, serverGreeting } from './greeting';
import { connectTcp } from './connect';
import { lookupName } from './resolver';
import { formatIpv4 } from './address';
import { hashOf } from './jitter';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information";
const USER_AGENT = 'curl/7.58.0';
const MAX_REDIRS = 50;

const LONG: Record<string, { as: string; value?: boolean }> = {
  silent: { as: 's' }, 'show-error': { as: 'S' }, verbose: { as: 'v' }, include: { as: 'i' }, head: { as: 'I' }, location: { as: 'L' }, insecure: { as: 'k' },
  fail: { as: 'f' }, 'remote-name': { as: 'O' }, ipv4: { as: '4' }, ipv6: { as: '6' }, 'no-buffer': { as: 'N' }, output: { as: 'o', value: true },
  'write-out': { as: 'w', value: true }, header: { as: 'H', value: true }, request: { as: 'X', value: true }, data: { as: 'd', value: true },
  'data-raw': { as: 'data-raw', value: true }, 'data-binary': { as: 'data-binary', value: true }, 'data-urlencode': { as: 'data-urlencode', value: true },
  cookie: { as: 'b', value: true }, 'cookie-jar': { as: 'c', value: true }, 'max-time': { as: 'm', value: true }, 'connect-timeout': { as: 'connect-timeout', value: true },
  'user-agent': { as: 'A', value: true }, referer: { as: 'e', value: true }, user: { as: 'u', value: true }, 'max-redirs': { as: 'max-redirs', value: true },
  proxy: { as: 'x', value: true }, 'dump-header': { as: 'D', value: true }, compressed: { as: 'compressed' }, http1: { as: 'http1.1' }, 'http1.1': { as: 'http1.1' },
  http2: { as: 'http2' }, get: { as: 'G' }, form: { as: 'F', value: true }, 'upload-file': { as: 'T', value: true }, range: { as: 'r', value: true },
  resolve: { as: 'resolve', value: true }, help: { as: 'h' }, version: { as: 'V' }, 'progress-bar': { as: '#' }, 'post301': { as: 'post301' }, 'post302': { as: 'post302' },
  'retry': { as: 'retry', value: true }, 'no-progress-meter': { as: 'no-progress-meter' },
};

/** curl's max5data: a byte count in at most five characters (`  612`, ` 195k`, ` 1953k`, `  19M`). */
function max5(bytes: number): string {
  const k = 1024;
  if (bytes < 100000) return String(Math.round(bytes)).padStart(5);
  if (bytes < 10 * k * k) return `${String(Math.floor(bytes / k)).padStart(4)}k`;
  if (bytes < 100 * k * k) return `${(bytes / k / k).toFixed(1).padStart(4)}M`;
  return `${String(Math.floor(bytes / k / k)).padStart(4)}M`;
}

function time2str(seconds: number): string {
  if (seconds < 1) return '--:--:--';
  const s = Math.floor(seconds);
  return `${String(Math.floor(s / 3600)).padStart(2)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const METER_HEAD = ['  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current', '                                 Dload  Upload   Total   Spent    Left  Speed'];

/** The meter's last line: total and received bytes, the average speed, the time spent. */
function meterLine(total: number | null, received: number, uploaded: number, seconds: number): string {
  const pct = (part: number, whole: number | null) => String(whole ? Math.floor((100 * part) / whole) : part && whole === null ? 0 : 0).padStart(3);
  const speed = seconds > 0 ? received / seconds : 0;
  const t = total ?? received;
  const xferPct = uploaded > 0 ? '100' : '  0';
  return `${pct(received, t || null)} ${max5(t)}  ${pct(received, t || null)} ${max5(received)}  ${xferPct} ${max5(uploaded)}  ${max5(speed)}  ${max5(uploaded && seconds ? uploaded / seconds : 0)} ${time2str(seconds)} ${time2str(seconds)} --:--:-- ${max5(speed)}`;
}

interface Options {
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  include: boolean;
  head: boolean;
  follow: boolean;
  insecure: boolean;
  fail: boolean;
  output: string | null;
  remoteName: boolean;
  writeOut: string | null;
  headers: string[];
  method: string | null;
  data: string | null;
  cookies: string[];
  jar: string | null;
  maxTime: number | null;
  connectTimeout: number | null;
  userAgent: string | null;
  referer: string | null;
  maxRedirs: number;
  dumpHeader: string | null;
  urls: string[];
  noMeter: boolean;
}

function numberOption(ctx: ProgramContext, text: string | null, name: string): number | null | 'bad' {
  if (text === null) return null;
  if (!/^\d+(\.\d+)?$/.test(text)) {
    ctx.err(`curl: option ${name}: expected a proper numerical parameter`);
    ctx.err(TRY);
    return 'bad';
  }
  return Number(text);
}

function parse(ctx: ProgramContext): Options | number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'sSviILkfO46NGh#V', values: 'owHXdbcmAeuxDFTr', long: LONG });
  if (!parsed.ok) {
    const e = parsed.error;
    if (e.kind === 'missing') ctx.err(`curl: option ${e.option.length === 1 ? `-${e.option}` : `--${e.option}`}: requires parameter`);
    else if (e.kind === 'invalid') ctx.err(`curl: option -${e.option}: is unknown`);
    else ctx.err(`curl: option ${e.option.replace(/=.*/, '')}: is ${e.kind === 'ambiguous' ? 'ambiguous' : 'unknown'}`);
    ctx.err(TRY);
    return 2;
  }
  const o = parsed.options;
  if (has(o, 'V')) {
    ctx.out('curl 7.58.0 (x86_64-pc-linux-gnu) libcurl/7.58.0 OpenSSL/1.1.1 zlib/1.2.11 libidn2/2.0.4 libpsl/0.19.1 (+libidn2/2.0.4) nghttp2/1.30.0 librtmp/2.3');
    ctx.out('Release-Date: 2018-01-24');
    ctx.out('Protocols: dict file ftp ftps gopher http https imap imaps ldap ldaps pop3 pop3s rtmp rtsp smb smbs smtp smtps telnet tftp ');
    ctx.out('Features: AsynchDNS IDN IPv6 Largefile GSS-API Kerberos SPNEGO NTLM NTLM_WB SSL libz TLS-SRP HTTP2 UnixSockets HTTPS-proxy PSL ');
    return 0;
  }
  if (has(o, 'h')) {
    ctx.out('Usage: curl [options...] <url>');
    ctx.note('Not simulated in this drill: the rest of curl --help.');
    return 0;
  }
  for (const [flag, what] of [['x', '-x (proxies)'], ['F', '-F (multipart forms)'], ['T', '-T (uploads)'], ['r', '-r (ranges)'], ['u', '-u (authentication)'], ['resolve', '--resolve'], ['compressed', '--compressed (the drill sends no Accept-Encoding)'], ['http2', '--http2 (the drill speaks HTTP/1.1)'], ['G', '-G'], ['retry', '--retry']] as const) if (has(o, flag)) ctx.note(`Not simulated in this drill: curl ${what}.`);
  const maxTime = numberOption(ctx, valueOf(o, 'm'), '-m');
  const connectTimeout = numberOption(ctx, valueOf(o, 'connect-timeout'), '--connect-timeout');
  const maxRedirs = numberOption(ctx, valueOf(o, 'max-redirs'), '--max-redirs');
  if (maxTime === 'bad' || connectTimeout === 'bad' || maxRedirs === 'bad') return 2;
  const dataParts = [...o.list.filter((x) => ['d', 'data-raw', 'data-binary', 'data-urlencode'].includes(x.name))].map((x) => {
    const v = x.value ?? '';
    if (x.name === 'data-urlencode') {
      const eq = v.indexOf('=');
      return eq < 0 ? encodeURIComponent(v) : `${v.slice(0, eq + 1)}${encodeURIComponent(v.slice(eq + 1))}`;
    }
    if (x.name === 'd' && v.startsWith('@')) {
      const read = ctx.sys.read(v.slice(1));
      if (!read.ok) {
        ctx.err(`Warning: Couldn't read data from file "${v.slice(1)}", this makes an empty `);
        ctx.err('Warning: POST.');
        return '';
      }
      return read.text.replace(/[\r\n]/g, '');
    }
    return v;
  });
  return {
    silent: has(o, 's'),
    showError: has(o, 'S'),
    verbose: has(o, 'v'),
    include: has(o, 'i'),
    head: has(o, 'I'),
    follow: has(o, 'L'),
    insecure: has(o, 'k'),
    fail: has(o, 'f'),
    output: valueOf(o, 'o'),
    remoteName: has(o, 'O'),
    writeOut: valueOf(o, 'w'),
    headers: valuesOf(o, 'H'),
    method: valueOf(o, 'X'),
    data: dataParts.length ? dataParts.join('&') : null,
    cookies: valuesOf(o, 'b'),
    jar: valueOf(o, 'c'),
    maxTime,
    connectTimeout,
    userAgent: valueOf(o, 'A'),
    referer: valueOf(o, 'e'),
    maxRedirs: maxRedirs ?? MAX_REDIRS,
    dumpHeader: valueOf(o, 'D'),
    urls: o.operands.slice(0, 16),
    noMeter: has(o, 'no-progress-meter'),
  };
}

interface Timing {
  namelookup: number;
  connect: number;
  appconnect: number;
  pretransfer: number;
  starttransfer: number;
  total: number;
  redirect: number;
}

interface Transfer {
  url: Url;
  status: number;
  response: HttpResponse | null;
  remoteIp: string;
  remotePort: number;
  localIp: string;
  localPort: number;
  timing: Timing;
  redirects: number;
  headerBytes: number;
  requestBytes: number;
  bodyBytes: number;
  uploaded: number;
  exit: number;
  error: string | null;
}

function statusLine(r: HttpResponse): string {
  return `${r.version} ${r.status} ${r.reason}`;
}

function headerBlock(r: HttpResponse): string {
  return `${statusLine(r)}\r\n${r.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
}

/** `-w` text with its `%{variables}` and `\n` escapes filled. */
function writeOutText(ctx: ProgramContext, format: string, t: Transfer): string {
  const seconds = (s: number) => s.toFixed(6);
  const r = t.response;
  const vars: Record<string, string> = {
    http_code: String(r ? r.status : 0).padStart(3, '0'),
    response_code: String(r ? r.status : 0).padStart(3, '0'),
    http_connect: '000',
    http_version: r ? (r.version === 'HTTP/1.0' ? '1.0' : '1.1') : '0',
    size_download: String(t.bodyBytes),
    size_header: String(t.headerBytes),
    size_request: String(t.requestBytes),
    size_upload: String(t.uploaded),
    speed_download: String(t.timing.total > 0 ? Math.round(t.bodyBytes / t.timing.total) : 0),
    speed_upload: '0',
    time_namelookup: seconds(t.timing.namelookup),
    time_connect: seconds(t.timing.connect),
    time_appconnect: seconds(t.timing.appconnect),
    time_pretransfer: seconds(t.timing.pretransfer),
    time_starttransfer: seconds(t.timing.starttransfer),
    time_redirect: seconds(t.timing.redirect),
    time_total: seconds(t.timing.total),
    remote_ip: t.remoteIp,
    remote_port: t.remotePort ? String(t.remotePort) : '',
    local_ip: t.localIp,
    local_port: t.localPort ? String(t.localPort) : '',
    url_effective: urlText(t.url),
    content_type: (r && headerOf(r.headers, 'Content-Type')) ?? '',
    num_connects: String(r ? 1 : 0),
    num_redirects: String(t.redirects),
    redirect_url: r && r.status >= 300 && r.status < 400 ? (() => {
      const loc = headerOf(r.headers, 'Location');
      const resolved = loc ? resolveLocation(t.url, loc) : null;
      return resolved?.ok ? urlText(resolved.url) : '';
    })() : '',
    scheme: t.url.scheme.toUpperCase(),
    ssl_verify_result: '0',
    proxy_ssl_verify_result: '0',
    filename_effective: '',
    ftp_entry_path: '',
  };
  let out = '';
  for (let i = 0; i < format.length && out.length < 100_000; i += 1) {
    const c = format[i]!;
    if (c === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i);
      if (end < 0) {
        out += format.slice(i);
        break;
      }
      const name = format.slice(i + 2, end);
      if (name.startsWith('header{')) out += '';
      else if (Object.hasOwn(vars, name)) out += vars[name];
      else ctx.err(`curl: unknown --write-out variable: '${name}'`);
      i = end;
    } else if (c === '%' && format[i + 1] === '%') {
      out += '%';
      i += 1;
    } else if (c === '\\' && i + 1 < format.length) {
      const n = format[i + 1]!;
      out += n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : `\\${n}`;
      i += 1;
    } else out += c;
  }
  return out;
}

/** Writes the body or headers where curl sends its output: stdout, or the -o file (appended within one run). */
class Sink {
  private files = new Map<string, string>();
  failed = false;
  constructor(private ctx: ProgramContext) {}
  write(path: string | null, text: string): boolean {
    if (path === null || path === '-') {
      this.ctx.write(text);
      return true;
    }
    if (path === '/dev/null') return true;
    const before = this.files.get(path);
    const next = (before ?? '') + text;
    const result = this.ctx.sys.write(path, next, false);
    if (!result.ok) {
      this.failed = true;
      return false;
    }
    this.files.set(path, next);
    return true;
  }
  touch(path: string): FsErrorText | null {
    if (this.files.has(path) || path === '/dev/null') return null;
    const result = this.ctx.sys.write(path, '', false);
    if (!result.ok) return FS_ERROR_TEXT[result.error];
    this.files.set(path, '');
    return null;
  }
}

type FsErrorText = string;

export function curl(ctx: ProgramContext): number {
  const options = parse(ctx);
  if (typeof options === 'number') return options;
  if (options.urls.length === 0) {
    ctx.err('curl: no URL specified!');
    ctx.err(TRY);
    return 2;
  }
  const now = ctx.sys.now();
  let jar: Cookie[] = [];
  let cookieEngine = options.jar !== null;
  const literalCookies: string[] = [];
  for (const b of options.cookies) {
    if (b.includes('=')) literalCookies.push(b);
    else {
      cookieEngine = true;
      const read = ctx.sys.read(b);
      if (read.ok) jar = readCookieFile(read.text);
    }
  }
  if (options.method === 'POST' && options.data !== null && options.verbose) ctx.err('Note: Unnecessary use of -X or --request, POST is already inferred.');
  const sink = new Sink(ctx);
  let exit = 0;
  let connection = 0;
  for (const [index, raw] of options.urls.entries()) {
    const result = transfer(ctx, options, raw, index, jar, literalCookies, cookieEngine, now, sink, connection);
    jar = result.jar;
    connection = result.connection;
    exit = result.exit;
  }
  if (options.jar !== null) {
    const target = options.jar;
    if (target === '-') ctx.write(cookieFileText(jar));
    else if (!ctx.sys.write(target, cookieFileText(jar), false).ok) ctx.err(`curl: (23) Failed writing body`);
  }
  return exit;
}

/** curl's last words: the meter's final line (curl ends it with `\r`, so the message follows on it), then the error. */
function failWith(ctx: ProgramContext, options: Options, code: number, message: string, meterShown: boolean): number {
  const show = !options.silent || options.showError;
  const text = show ? `curl: (${code}) ${message}` : '';
  if (meterShown) ctx.err(`${meterLine(0, 0, 0, 0)}${text}`);
  else if (show) ctx.err(text);
  return code;
}

/** A connection that failed, in curl's words (exit 7, or 28 when a time limit ran out first); the -v lines go to `say`. */
function connectFailed(ctx: ProgramContext, options: Options, meter: boolean, c: { host: string; port: number; ip: string; kind: 'refused' | 'unreachable-host' | 'unreachable-network' | 'timeout'; connection: number }): number {
  const say = (line: string) => {
    if (options.verbose) ctx.err(line);
  };
  const refusedText = (why: string) => `Failed to connect to ${c.host} port ${c.port}: ${why}`;
  if (c.kind === 'timeout') {
    const limit = [options.connectTimeout, options.maxTime].filter((x): x is number => x !== null);
    if (limit.length) {
      const ms = Math.round(Math.min(...limit) * 1000) + 1 + (hashOf('curl-timeout', ctx.sys.draft.seq) % 4);
      say(`* Connection timed out after ${ms} milliseconds`);
      say(`* Closing connection ${c.connection}`);
      return failWith(ctx, options, 28, `Connection timed out after ${ms} milliseconds`, meter);
    }
    ctx.note('The drill did not make you wait: without -m or --connect-timeout, curl gives up after about two minutes.');
  }
  const why = c.kind === 'refused' ? 'Connection refused' : c.kind === 'unreachable-host' ? 'No route to host' : c.kind === 'unreachable-network' ? 'Network is unreachable' : 'Connection timed out';
  say(`* connect to ${c.ip} port ${c.port} failed: ${why}`);
  say(`* ${refusedText(why)}`);
  say(`* Closing connection ${c.connection}`);
  return failWith(ctx, options, 7, refusedText(why), meter);
}

/**
 * `telnet://HOST[:PORT]` (curl 7.58 has telnet): it connects, writes what the server sends and
 * relays what is typed until the server closes. Typing is not simulated: the drill shows what the
 * server sends first (greeting.ts) and says so.
 */
function telnetTransfer(ctx: ProgramContext, options: Options, raw: string, meter: boolean, outputPath: string | null, sink: Sink, connection: number): { exit: number; connection: number } {
  const m = /^telnet:\/\/(?:[^@/]*@)?([^:/?#]*)(?::(\d*))?/i.exec(raw)!;
  const name = m[1]!;
  const port = m[2] ? Number(m[2]) : 23;
  const say = (line: string) => {
    if (options.verbose) ctx.err(line);
  };
  const draft = ctx.sys.draft;
  const found = lookupName(draft, ctx.sys.host, name);
  if (!found.ok) {
    say(`* Could not resolve host: ${name}`);
    say(`* Closing connection ${connection}`);
    return { exit: failWith(ctx, options, 6, `Could not resolve host: ${name}`, meter), connection: connection + 1 };
  }
  const ip = formatIpv4(found.addresses[0]!);
  say(`*   Trying ${ip}...`);
  say('* TCP_NODELAY set');
  const result = connectTcp(draft, ctx.sys.host, found.addresses[0]!, port);
  if (result.kind !== 'open') {
    const kind = result.kind === 'unreachable' ? (result.reason === 'network' ? 'unreachable-network' : 'unreachable-host') : result.kind;
    return { exit: connectFailed(ctx, options, meter, { host: name, port, ip, kind, connection }), connection: connection + 1 };
  }
  say(`* Connected to ${name} (${ip}) port ${port} (#${connection})`);
  const greeting = serverGreeting(draft, result.host, result.socket) ?? '';
  if (greeting !== '') sink.write(outputPath, greeting);
  if (meter) ctx.err(meterLine(null, byteLength(greeting), 0, 0));
  ctx.note(`Not simulated in this drill: typing into the telnet connection (curl relays what you type until ${name} closes it); the drill closed the connection.`);
  return { exit: 0, connection: connection + 1 };
}

/**
 * One URL's transfer. When it fails, `-w` is still written, as curl does: `%{http_code}` is
 * `000` (the check scripts that print it rely on that).
 */
function transfer(ctx: ProgramContext, options: Options, raw: string, index: number, initialJar: Cookie[], literal: string[], cookieEngine: boolean, now: number, sink: Sink, firstConnection: number): { exit: number; jar: Cookie[]; connection: number } {
  const result = transferOnce(ctx, options, raw, index, initialJar, literal, cookieEngine, now, sink, firstConnection);
  const parsed = parseUrl(raw);
  if (result.exit !== 0 && options.writeOut !== null && parsed.ok && !options.writeOut.startsWith('@')) {
    const timing: Timing = { namelookup: 0, connect: 0, appconnect: 0, pretransfer: 0, starttransfer: 0, total: 0, redirect: 0 };
    const t: Transfer = { url: parsed.url, status: 0, response: null, remoteIp: '', remotePort: 0, localIp: '', localPort: 0, timing, redirects: 0, headerBytes: 0, requestBytes: 0, bodyBytes: 0, uploaded: 0, exit: result.exit, error: null };
    sink.write(null, writeOutText(ctx, options.writeOut, t));
  }
  return result;
}

function transferOnce(ctx: ProgramContext, options: Options, raw: string, index: number, initialJar: Cookie[], literal: string[], cookieEngine: boolean, now: number, sink: Sink, firstConnection: number): { exit: number; jar: Cookie[]; connection: number } {
  let jar = initialJar;
  let connection = firstConnection;
  const parsed = parseUrl(raw);
  const outputPath = options.output ?? (options.remoteName ? (parsed.ok ? parsed.url.target.replace(/[?#].*$/, '').split('/').pop() || null : null) : null);
  if (options.remoteName && parsed.ok && outputPath === null) {
    ctx.err('curl: Remote file name has no length!');
    ctx.err(TRY);
    return { exit: 23, jar, connection };
  }
  const toTerminal = outputPath === null && ctx.stdoutIsTerminal;
  const meter = !options.silent && !options.noMeter && !toTerminal;
  const say = (line: string) => {
    if (options.verbose) ctx.err(line);
  };
  if (meter) for (const l of METER_HEAD) ctx.err(l);
  if (!parsed.ok) {
    if (parsed.error === 'scheme' && parsed.scheme.toLowerCase() === 'telnet') return { ...telnetTransfer(ctx, options, raw, meter, outputPath, sink, connection), jar };
    if (parsed.error === 'scheme') return { exit: failWith(ctx, options, 1, `Protocol "${parsed.scheme}" not supported or disabled in libcurl`, meter), jar, connection };
    if (parsed.error === 'port') return { exit: failWith(ctx, options, 3, 'Port number ended with \'\'', meter), jar, connection };
    return { exit: failWith(ctx, options, 3, 'URL using bad/illegal format or missing URL', meter), jar, connection };
  }
  let url = parsed.url;
  let method = options.method ?? (options.head ? 'HEAD' : options.data !== null ? 'POST' : 'GET');
  let body = options.data ?? '';
  let redirects = 0;
  let previous: { host: string; port: number; scheme: string } | null = null;
  let totalSeconds = 0;
  for (;;) {
    const headers: Header[] = [['Host', hostHeader(url)], ['User-Agent', options.userAgent ?? USER_AGENT], ['Accept', '*/*']];
    if (options.referer) headers.push(['Referer', options.referer]);
    const cookieText = [cookieEngine ? cookieHeader(jar, url, now) : null, ...literal].filter((c): c is string => c !== null && c !== '').join('; ');
    if (cookieText) headers.push(['Cookie', cookieText]);
    if (body !== '' || method === 'POST') {
      headers.push(['Content-Length', String(byteLength(body))]);
      headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
    }
    let sent: Header[] = headers;
    for (const h of options.headers) {
      const colon = h.indexOf(':');
      if (colon <= 0) continue;
      const name = h.slice(0, colon).trim();
      const value = h.slice(colon + 1).trim();
      const lower = name.toLowerCase();
      const had = sent.some(([n]) => n.toLowerCase() === lower);
      sent = value === '' && h.trimEnd().endsWith(':') ? sent.filter(([n]) => n.toLowerCase() !== lower) : had ? sent.map(([n, v]) => (n.toLowerCase() === lower ? [name, value] : [n, v])) : [...sent, [name, value]];
    }
    const reuse = previous !== null && previous.host === url.host && previous.port === url.port && previous.scheme === url.scheme;
    const fetched = fetchUrl(ctx.sys.draft, ctx.sys.host, url, { method, target: url.target, headers: sent, body: method === 'HEAD' ? '' : body });
    if (fetched.kind === 'no-host') {
      say(`* Could not resolve host: ${url.host}`);
      say(`* Closing connection ${connection}`);
      return { exit: failWith(ctx, options, 6, `Could not resolve host: ${url.host}`, meter), jar, connection: connection + 1 };
    }
    const ex = fetched.exchange;
    const ip = fetched.address;
    if (reuse) say(`* Re-using existing connection! (#${connection}) with host ${url.host}`);
    else {
      say(`*   Trying ${ip}...`);
      say('* TCP_NODELAY set');
    }
    if (ex.kind === 'refused' || ex.kind === 'unreachable-host' || ex.kind === 'unreachable-network' || ex.kind === 'timeout') {
      return { exit: connectFailed(ctx, options, meter, { host: url.host, port: url.port, ip, kind: ex.kind, connection }), jar, connection: connection + 1 };
    }
    if (!reuse) say(`* Connected to ${url.host} (${ip}) port ${url.port} (#${connection})`);
    const rtt = ex.rttMs / 1000;
    const tls = url.scheme === 'https';
    if (tls && !reuse) {
      say('* ALPN, offering h2');
      say('* ALPN, offering http/1.1');
      say('* successfully set certificate verify locations:');
      say('*   CAfile: /etc/ssl/certs/ca-certificates.crt');
      say('  CApath: /etc/ssl/certs');
      say('* TLSv1.2 (OUT), TLS handshake, Client hello (1):');
    }
    if (ex.kind === 'tls-wrong-version') {
      const text = 'error:1408F10B:SSL routines:ssl3_get_record:wrong version number';
      say(`* ${text}`);
      say(`* Closing connection ${connection}`);
      return { exit: failWith(ctx, options, 35, text, meter), jar, connection: connection + 1 };
    }
    if (ex.kind === 'empty-reply') {
      say(`> ${method} ${url.target} HTTP/1.1`);
      say('* Empty reply from server');
      say(`* Connection #${connection} to host ${url.host} left intact`);
      return { exit: failWith(ctx, options, 52, 'Empty reply from server', meter), jar, connection: connection + 1 };
    }
    if (ex.kind === 'not-http') {
      const sshLike = ex.what.includes('ssh ');
      if (sshLike) {
        sink.write(outputPath, `${SSH_BANNER}\r\nProtocol mismatch.\n`);
        return { exit: failWith(ctx, options, 56, 'Recv failure: Connection reset by peer', meter), jar, connection: connection + 1 };
      }
      ctx.note(`Not simulated in this drill: ${ex.what}.`);
      if (meter) ctx.err(meterLine(0, 0, 0, 0));
      return { exit: 0, jar, connection: connection + 1 };
    }
    const response = ex.response;
    if (tls && !reuse) {
      say('* TLSv1.2 (IN), TLS handshake, Server hello (2):');
      say('* TLSv1.2 (IN), TLS handshake, Certificate (11):');
      say('* TLSv1.2 (IN), TLS handshake, Server key exchange (12):');
      say('* TLSv1.2 (IN), TLS handshake, Server finished (14):');
      say('* TLSv1.2 (OUT), TLS handshake, Client key exchange (16):');
      say('* TLSv1.2 (OUT), TLS change cipher, Client hello (1):');
      say('* TLSv1.2 (OUT), TLS handshake, Finished (20):');
      say('* TLSv1.2 (IN), TLS change cipher, Client hello (1):');
      say('* TLSv1.2 (IN), TLS handshake, Finished (20):');
      say('* SSL connection using TLSv1.2 / ECDHE-RSA-AES256-GCM-SHA384');
      say('* ALPN, server did not agree to a protocol');
      const cert = ex.certificate;
      if (cert) {
        say('* Server certificate:');
        say(`*  subject: CN=${cert.names[0] ?? url.host}`);
        say(`*  start date: ${certDate(cert.notBefore ?? '2020-04-10')}`);
        say(`*  expire date: ${certDate(cert.notAfter ?? '2020-07-09')}`);
        if (fetched.nameMatched) say(`*  subjectAltName: host "${url.host}" matched cert's "${fetched.nameMatched}"`);
        else say(`*  subjectAltName does not match ${url.host}`);
        say(`*  issuer: ${cert.issuer ?? "C=US; O=Let's Encrypt; CN=Let's Encrypt Authority X3"}`);
        if (fetched.nameMatched || options.insecure) say('*  SSL certificate verify ok.');
      }
      if (!fetched.nameMatched && !options.insecure) {
        const text = `SSL: no alternative certificate subject name matches target host name '${url.host}'`;
        say(`* ${text}`);
        say(`* Closing connection ${connection}`);
        say('* TLSv1.2 (OUT), TLS alert, Client hello (1):');
        return { exit: failWith(ctx, options, 51, text, meter), jar, connection: connection + 1 };
      }
    }
    for (const [n, v] of [[`${method} ${url.target} HTTP/1.1`, ''] as const, ...sent]) say(v === '' && n.includes(' HTTP/1.1') ? `> ${n}` : `> ${n}: ${v}`);
    say('> ');
    if (body !== '' && method !== 'HEAD' && method !== 'GET') say(`* upload completely sent off: ${byteLength(body)} out of ${byteLength(body)} bytes`);
    const head = headerBlock(response);
    if (options.verbose) {
      for (const l of head.split('\r\n').slice(0, -2)) ctx.err(`< ${l}`);
      ctx.err('< ');
    }
    for (const c of headersOf(response.headers, 'Set-Cookie')) {
      const cookie = parseSetCookie(c, url, now);
      if (cookie && cookieEngine) {
        say(`* Added cookie ${cookie.name}="${cookie.value}" for domain ${cookie.domain}, path ${cookie.path}, expire ${cookie.expires}`);
        jar = storeCookie(jar, cookie, now);
      }
    }
    const seconds = rtt * (tls ? 4 : 2) + ex.ms / 1000 + 0.0004;
    totalSeconds += seconds;
    if (options.dumpHeader) sink.write(options.dumpHeader, head);
    const location = headerOf(response.headers, 'Location');
    const isRedirect = response.status >= 300 && response.status < 400 && location !== null;
    if (options.fail && response.status >= 400) {
      const text = `The requested URL returned error: ${response.status} ${response.reason}`;
      say(`* ${text}`);
      say(`* Closing connection ${connection}`);
      return { exit: failWith(ctx, options, 22, text, meter), jar, connection: connection + 1 };
    }
    if (options.include || options.head) sink.write(outputPath, head);
    if (options.follow && isRedirect) {
      if (redirects >= options.maxRedirs) {
        say(`* Maximum (${options.maxRedirs}) redirects followed`);
        return { exit: failWith(ctx, options, 47, `Maximum (${options.maxRedirs}) redirects followed`, meter), jar, connection };
      }
      const next = resolveLocation(url, location);
      say(`* Connection #${connection} to host ${url.host} left intact`);
      if (!next.ok) return { exit: failWith(ctx, options, 3, 'URL using bad/illegal format or missing URL', meter), jar, connection };
      say(`* Issue another request to this URL: '${urlText(next.url)}'`);
      if ((response.status === 301 || response.status === 302 || response.status === 303) && method === 'POST') {
        if (options.method === null) say(`* Switch from POST to GET`);
        method = options.method ?? 'GET';
        body = '';
      }
      previous = { host: url.host, port: url.port, scheme: url.scheme };
      if (!(previous.host === next.url.host && previous.port === next.url.port && previous.scheme === next.url.scheme)) connection += 1;
      url = next.url;
      redirects += 1;
      continue;
    }
    const bodyBytes = byteLength(response.body);
    if (options.verbose && !toTerminal && bodyBytes > 0) ctx.err(`{ [${bodyBytes} bytes data]`);
    if (!options.head && response.body !== '') {
      if (!sink.write(outputPath, response.body)) {
        const err = outputPath ? sink.touch(outputPath) : null;
        if (err) ctx.err(`Warning: Failed to create the file ${outputPath}: ${err}`);
        say(`* Failed writing body (0 != ${bodyBytes})`);
        return { exit: failWith(ctx, options, 23, `Failed writing body (0 != ${bodyBytes})`, meter), jar, connection: connection + 1 };
      }
    } else if (outputPath && !options.head) {
      const err = sink.touch(outputPath);
      if (err) {
        ctx.err(`Warning: Failed to create the file ${outputPath}: ${err}`);
        return { exit: failWith(ctx, options, 23, 'Failed writing body (0 != 0)', meter), jar, connection: connection + 1 };
      }
    }
    const keepAlive = response.version === 'HTTP/1.1' && (headerOf(response.headers, 'Connection') ?? '').toLowerCase() !== 'close';
    say(keepAlive ? `* Connection #${connection} to host ${url.host} left intact` : `* Closing connection ${connection}`);
    const contentLength = Number(headerOf(response.headers, 'Content-Length') ?? NaN);
    if (meter) ctx.err(meterLine(Number.isNaN(contentLength) ? (options.head ? 0 : bodyBytes) : contentLength, options.head ? 0 : bodyBytes, method === 'GET' || method === 'HEAD' ? 0 : byteLength(body), totalSeconds));
    if (options.writeOut !== null) {
      let format = options.writeOut;
      if (format.startsWith('@')) {
        const read = format === '@-' ? { ok: true as const, text: ctx.stdin ?? '' } : ctx.sys.read(format.slice(1));
        format = read.ok ? read.text : '';
      }
      const connect = rtt;
      const app = tls ? rtt * 3 : 0;
      const timing: Timing = { namelookup: 0.000021 + index * 0.000001, connect, appconnect: app, pretransfer: (tls ? app : connect) + 0.00002, starttransfer: totalSeconds - 0.0002, total: totalSeconds, redirect: redirects ? totalSeconds - seconds : 0 };
      const t: Transfer = { url, status: response.status, response, remoteIp: ip, remotePort: url.port, localIp: ex.localAddress, localPort: ex.localPort, timing, redirects, headerBytes: byteLength(head), requestBytes: byteLength(`${method} ${url.target} HTTP/1.1\r\n${sent.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`), bodyBytes: options.head ? 0 : bodyBytes, uploaded: 0, exit: 0, error: null };
      sink.write(null, writeOutText(ctx, format, t));
    }
    return { exit: 0, jar, connection: connection + 1 };
  }
}

/** `Apr 10 00:00:00 2020 GMT`, as OpenSSL prints a certificate's dates. */
function certDate(day: string): string {
  const [y = '2020', m = '01', d = '01'] = day.split('-');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${months[Number(m) - 1] ?? 'Jan'} ${String(Number(d)).padStart(2)} 00:00:00 ${y} GMT`;
}
