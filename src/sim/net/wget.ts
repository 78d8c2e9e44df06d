/**
 * GNU Wget 1.19.4 (Ubuntu 18.04): fetches a URL over the simulated network and saves it (to the
 * name the URL ends with, `index.html` for a directory, `.1`, `.2`… when taken; or `-O FILE`,
 * `-O -` for stdout), printing its log on stderr as wget does on a terminal: the time and URL,
 * resolving, connecting, the status, the length, the progress bar and the saved line. `-q` is
 * quiet, `-S` prints the server's headers. Redirects are followed (`[following]`), server errors
 * end with `ERROR 500: Internal Server Error.` and wget's exit codes (4 network, 5 TLS, 8 server).
 */
import type { ProgramContext } from '../process';
import { FS_ERROR_TEXT } from '../process';
import { fetchUrl, hostHeader } from './http/client';
import { byteLength, headerOf, type Header } from './http/message';
import { parseUrl, resolveLocation, urlText, type Url } from './http/url';
import { has, parseOptions, valueOf } from './options';

const USER_AGENT = 'Wget/1.19.4 (linux-gnu)';
const MAX_REDIRECTS = 20;

const LONG = {
  quiet: { as: 'q' }, 'server-response': { as: 'S' }, 'output-document': { as: 'O', value: true }, 'no-check-certificate': { as: 'no-check-certificate' },
  'spider': { as: 'spider' }, timeout: { as: 'T', value: true }, tries: { as: 't', value: true }, 'user-agent': { as: 'U', value: true }, header: { as: 'header', value: true },
  'post-data': { as: 'post-data', value: true }, help: { as: 'h' }, version: { as: 'V' }, verbose: { as: 'v' }, 'no-verbose': { as: 'nv' }, continue: { as: 'c' },
} as const;

function quote(name: string): string {
  return `‘${name}’`;
}

function stamp(ctx: ProgramContext): string {
  return ctx.sys.formatTime(ctx.sys.now(), '%Y-%m-%d %H:%M:%S');
}

/** The file name wget saves a URL to, before `.1` suffixes. */
function localName(url: Url): string {
  const path = url.target.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last === '' ? 'index.html' : decodeURIComponentSafe(last);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** wget's human sizes in `Length: 18234 (18K)`. */
function humanSize(bytes: number): string {
  if (bytes < 1024) return '';
  const units = ['K', 'M', 'G'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return ` (${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)}${units[unit]})`;
}

function speed(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1024 * 1024) return `${(bytesPerSecond / 1024 / 1024).toFixed(1)} MB/s`;
  return `${(bytesPerSecond / 1024).toFixed(bytesPerSecond >= 100 * 1024 ? 0 : 1)} KB/s`;
}

export function wget(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'qSvhVc', values: 'OTtU', long: LONG });
  if (!parsed.ok) {
    const e = parsed.error;
    if (e.kind === 'missing') ctx.err(`wget: option requires an argument -- '${e.option}'`);
    else if (e.kind === 'invalid') ctx.err(`wget: invalid option -- '${e.option}'`);
    else ctx.err(`wget: unrecognized option '${e.option}'`);
    ctx.err('Usage: wget [OPTION]... [URL]...');
    ctx.err('');
    ctx.err("Try `wget --help' for more options.");
    return 2;
  }
  const o = parsed.options;
  if (has(o, 'V')) {
    ctx.out('GNU Wget 1.19.4 built on linux-gnu.');
    return 0;
  }
  if (has(o, 'h')) {
    ctx.out('GNU Wget 1.19.4, a non-interactive network retriever.');
    ctx.out('Usage: wget [OPTION]... [URL]...');
    ctx.note('Not simulated in this drill: the rest of wget --help.');
    return 0;
  }
  if (o.operands.length === 0) {
    ctx.err('wget: missing URL');
    ctx.err('Usage: wget [OPTION]... [URL]...');
    ctx.err('');
    ctx.err("Try `wget --help' for more options.");
    return 1;
  }
  for (const flag of ['c', 'T', 't', 'header', 'nv'] as const) if (has(o, flag)) ctx.note(`Not simulated in this drill: wget ${flag.length === 1 ? `-${flag}` : `--${flag}`}.`);
  const quiet = has(o, 'q');
  const serverResponse = has(o, 'S');
  const insecure = has(o, 'no-check-certificate');
  const output = valueOf(o, 'O');
  const postData = valueOf(o, 'post-data');
  const log = (line: string) => {
    if (!quiet) ctx.err(line);
  };
  // --spider: a HEAD request for each URL, and only whether the file is there (GNU Wget 1.19.4's words).
  const spider = has(o, 'spider');
  if (spider) log('Spider mode enabled. Check if remote file exists.');
  let exit = 0;
  /** Hosts wget has resolved in this run (its DNS cache: a second visit prints no "Resolving"). */
  const resolved = new Set<string>();
  for (const raw of o.operands.slice(0, 16)) {
    const first = parseUrl(raw);
    if (!first.ok) {
      ctx.err(first.error === 'scheme' ? `${raw}: Unsupported scheme ‘${first.scheme}’.` : `${raw}: Invalid URL.`);
      exit = 1;
      continue;
    }
    let url = first.url;
    let method = postData !== null ? 'POST' : spider ? 'HEAD' : 'GET';
    let previous: Url | null = null;
    for (let hop = 0; ; hop += 1) {
      if (hop > MAX_REDIRECTS) {
        log(`${MAX_REDIRECTS} redirections exceeded.`);
        exit = 8;
        break;
      }
      log(`--${stamp(ctx)}--  ${urlText(url)}`);
      const reuse = previous !== null && previous.host === url.host && previous.port === url.port && previous.scheme === url.scheme;
      const headers: Header[] = [['User-Agent', valueOf(o, 'U') ?? USER_AGENT], ['Accept', '*/*'], ['Accept-Encoding', 'identity'], ['Host', hostHeader(url)], ['Connection', 'Keep-Alive']];
      if (method === 'POST') headers.push(['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(byteLength(postData ?? ''))]);
      const fetched = fetchUrl(ctx.sys.draft, ctx.sys.host, url, { method, target: url.target, headers, body: method === 'POST' ? (postData ?? '') : '' });
      if (fetched.kind === 'no-host') {
        log(`Resolving ${url.host} (${url.host})... failed: ${fetched.error === 'AGAIN' ? 'Temporary failure in name resolution' : 'Name or service not known'}.`);
        log(`wget: unable to resolve host address ${quote(url.host)}`);
        exit = 4;
        break;
      }
      const literal = /^\d+\.\d+\.\d+\.\d+$/.test(url.host);
      if (reuse) log(`Reusing existing connection to ${url.host}:${url.port}.`);
      else if (!literal && !resolved.has(url.host)) log(`Resolving ${url.host} (${url.host})... ${fetched.address}`);
      resolved.add(url.host);
      const ex = fetched.exchange;
      const connecting = literal ? `Connecting to ${url.host}:${url.port}...` : `Connecting to ${url.host} (${url.host})|${fetched.address}|:${url.port}...`;
      if (ex.kind === 'refused' || ex.kind === 'timeout' || ex.kind === 'unreachable-host' || ex.kind === 'unreachable-network') {
        const why = ex.kind === 'refused' ? 'Connection refused' : ex.kind === 'timeout' ? 'Connection timed out' : ex.kind === 'unreachable-host' ? 'No route to host' : 'Network is unreachable';
        log(`${connecting} failed: ${why}.`);
        if (ex.kind === 'timeout') ctx.note('The drill did not make you wait: wget retries 20 times, waiting about two minutes each time.');
        exit = 4;
        break;
      }
      if (!reuse) log(`${connecting} connected.`);
      if (ex.kind === 'tls-wrong-version') {
        log('Unable to establish SSL connection.');
        exit = 4;
        break;
      }
      if (ex.kind === 'empty-reply') {
        log('HTTP request sent, awaiting response... No data received.');
        log('Retrying.');
        ctx.note('The drill stopped wget here: it would retry 20 times.');
        exit = 4;
        break;
      }
      if (ex.kind === 'not-http') {
        ctx.note(`Not simulated in this drill: ${ex.what}.`);
        exit = 4;
        break;
      }
      if (url.scheme === 'https' && ex.certificate && !fetched.nameMatched && !insecure) {
        ctx.err(`ERROR: certificate common name ${quote(ex.certificate.names[0] ?? '')} doesn't match requested host name ${quote(url.host)}.`);
        ctx.err(`To connect to ${url.host} insecurely, use \`--no-check-certificate'.`);
        exit = 5;
        break;
      }
      const r = ex.response;
      if (serverResponse) {
        log('HTTP request sent, awaiting response... ');
        log(`  ${r.version} ${r.status} ${r.reason}`);
        for (const [n, v] of r.headers) log(`  ${n}: ${v}`);
      } else log(`HTTP request sent, awaiting response... ${r.status} ${r.reason}`);
      const location = headerOf(r.headers, 'Location');
      if (r.status >= 300 && r.status < 400 && location) {
        const next = resolveLocation(url, location);
        log(`Location: ${location} [following]`);
        if (!next.ok) {
          exit = 1;
          break;
        }
        previous = url;
        url = next.url;
        if (r.status !== 307) method = spider ? 'HEAD' : 'GET';
        continue;
      }
      if (r.status >= 400 && spider) {
        log('Remote file does not exist -- broken link!!!');
        log('');
        exit = 8;
        break;
      }
      if (r.status >= 400) {
        log(`${stamp(ctx)} ERROR ${r.status}: ${r.reason}.`);
        log('');
        exit = 8;
        break;
      }
      const length = headerOf(r.headers, 'Content-Length');
      const type = headerOf(r.headers, 'Content-Type');
      const size = byteLength(r.body);
      log(`Length: ${length !== null ? `${length}${humanSize(Number(length))}` : 'unspecified'}${type ? ` [${type}]` : ''}`);
      if (spider) {
        if (type?.startsWith('text/html')) {
          log('Remote file exists and could contain further links,');
          log('but recursion is disabled -- not retrieving.');
        } else log('Remote file exists.');
        log('');
        break;
      }
      let target = output;
      if (target === null) {
        const base = localName(url);
        target = base;
        for (let n = 1; ctx.sys.node(target) && n < 1000; n += 1) target = `${base}.${n}`;
      }
      if (target === '-') {
        log('Saving to: ‘STDOUT’');
        log('');
        ctx.write(r.body);
      } else {
        const written = ctx.sys.write(target, r.body, false);
        if (!written.ok) {
          ctx.err(`${target}: ${FS_ERROR_TEXT[written.error]}`);
          exit = 3;
          break;
        }
        log(`Saving to: ${quote(target)}`);
        log('');
      }
      const seconds = Math.max(0.0001, (ex.rttMs * 2 + ex.ms) / 1000);
      const shown = target === '-' ? '-' : target;
      const name = shown.length > 19 ? `${shown.slice(0, 16)}...` : shown.padEnd(19);
      log(`${name} 100%[===================>] ${String(size).padStart(7)}  --.-KB/s    in 0s      `);
      log('');
      log(`${stamp(ctx)} (${speed(size / seconds)}) - ${target === '-' ? 'written to stdout' : quote(target) + ' saved'} [${size}${length !== null ? `/${length}` : ''}]`);
      log('');
      break;
    }
  }
  return exit;
}
