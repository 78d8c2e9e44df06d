/**
 * `file` (5.32): what a file is, from its content as libmagic would judge it: directories,
 * links, empty files, gzip data, tar archives, scripts by their #! line, HTML, XML, PEM keys,
 * and text by its encoding (ASCII, UTF-8) with its line endings and very long lines; data the
 * drill holds no bytes for is "data". -b, -i/--mime, --mime-type, -L, -z.
 */
import type { FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { partsOf } from '../../time';
import { actorOf, locate, may, ERROR_TEXT } from './access';
import { gzipStoredName, mtimeOf } from './attrs';
import { gunzipStream, isGzipStream } from './gzipdata';
import { parseOptions } from './options';
import { isTextMagic } from './read';
import { isTarData } from './tarformat';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Verdict {
  text: string;
  mime: string;
  encoding: string;
}

function ctime(epoch: number): string {
  const p = partsOf(epoch);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[p.weekday]} ${MONTHS[p.month]} ${String(p.day).padStart(2)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${p.year}`;
}

/** How libmagic's text tests describe text. */
function textVerdict(text: string): Verdict {
  if (text === '') return { text: 'empty', mime: 'inode/x-empty', encoding: 'binary' };
  // eslint-disable-next-line no-control-regex -- the control characters text may not contain
  if (/[\u0000-\u0006\u000e-\u001a\u001c-\u001f\u007f]/.test(text)) return { text: 'data', mime: 'application/octet-stream', encoding: 'binary' };
  const ascii = ![...text].some((ch) => ch.charCodeAt(0) > 0x7f);
  const encoding = ascii ? 'ASCII' : 'UTF-8 Unicode';
  const charset = ascii ? 'us-ascii' : 'utf-8';
  const first = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  let kind = `${encoding} text`;
  let mime = 'text/plain';
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
  if (shebang) {
    const interpreter = (shebang[1]!.endsWith('/env') ? (shebang[2] ?? '') : shebang[1]!).replace(/^.*\//, '');
    const scripts: [RegExp, string, string][] = [
      [/^bash$/, 'Bourne-Again shell script', 'text/x-shellscript'],
      [/^(sh|dash)$/, 'POSIX shell script', 'text/x-shellscript'],
      [/^python[0-9.]*$/, 'Python script', 'text/x-python'],
      [/^perl$/, 'Perl script text', 'text/x-perl'],
      [/^node(js)?$/, 'Node.js script', 'application/javascript'],
      [/^ruby$/, 'Ruby script', 'text/x-ruby'],
    ];
    const known = scripts.find(([re]) => re.test(interpreter));
    kind = known ? `${known[1]}, ${encoding} text executable` : `a ${shebang[1]}${shebang[2] ? ` ${shebang[2]}` : ''} script, ${encoding} text executable`;
    mime = known ? known[2] : 'text/plain';
  } else if (/^\s*<!doctype html|^\s*<html/i.test(text)) {
    kind = `HTML document, ${encoding} text`;
    mime = 'text/html';
  } else if (/^<\?xml/.test(text)) {
    kind = `XML 1.0 document, ${encoding} text`;
    mime = 'text/xml';
  } else if (/^-----BEGIN CERTIFICATE-----/.test(text)) {
    return { text: 'PEM certificate', mime: 'text/plain', encoding: charset };
  } else if (/^-----BEGIN RSA PRIVATE KEY-----/.test(text)) {
    return { text: 'PEM RSA private key', mime: 'text/plain', encoding: charset };
  } else if (/^-----BEGIN OPENSSH PRIVATE KEY-----/.test(text)) {
    return { text: 'OpenSSH private key', mime: 'text/plain', encoding: charset };
  } else if (/^ssh-rsa AAAA/.test(text)) {
    return { text: 'OpenSSH RSA public key', mime: 'text/plain', encoding: charset };
  }
  const notes: string[] = [];
  if (text.split('\n').some((line) => line.length > 300)) notes.push('with very long lines');
  if (text.includes('\r\n')) notes.push('with CRLF line terminators');
  else if (text.includes('\r')) notes.push('with CR line terminators');
  else if (!text.includes('\n')) notes.push('with no line terminators');
  return { text: notes.length ? `${kind}, ${notes.join(', ')}` : kind, mime, encoding: charset };
}

function verdictOf(ctx: ProgramContext, node: FileNode, path: string, inside: boolean): Verdict {
  if (node.kind === 'dir') return { text: 'directory', mime: 'inode/directory', encoding: 'binary' };
  if (node.kind === 'link') return { text: `symbolic link to ${node.target ?? ''}`, mime: 'inode/symlink', encoding: 'binary' };
  if (node.device) return { text: `character special (${node.device.major}/${node.device.minor})`, mime: 'inode/chardevice', encoding: 'binary' };
  if (node.socket) return { text: 'socket', mime: 'inode/socket', encoding: 'binary' };
  const opaque = node.content === undefined && !node.timed?.length && !node.repeat?.length;
  if (opaque) {
    if ((node.size ?? 0) === 0) return { text: 'empty', mime: 'inode/x-empty', encoding: 'binary' };
    if (isTextMagic(node.magic)) return { text: node.magic!, mime: /script/.test(node.magic!) ? 'text/x-shellscript' : 'text/plain', encoding: 'us-ascii' };
    return { text: node.magic ?? 'data', mime: 'application/octet-stream', encoding: 'binary' };
  }
  const text = ctx.sys.textOf(node);
  const gz = node.gzip ? text : isGzipStream(text) ? gunzipStream(text) : null;
  if (gz !== null) {
    const tar = isTarData(gz);
    const header = `gzip compressed data, ${tar ? '' : `was "${gzipStoredName(path)}", `}last modified: ${ctime(mtimeOf(ctx.sys, node))}, from Unix`;
    if (inside) {
      const innerVerdict = tar ? { text: 'POSIX tar archive (GNU)', mime: 'application/x-tar', encoding: 'binary' } : textVerdict(gz);
      return { text: `${innerVerdict.text} (${header})`, mime: innerVerdict.mime, encoding: innerVerdict.encoding };
    }
    return { text: header, mime: 'application/gzip', encoding: 'binary' };
  }
  if (isTarData(text)) return { text: 'POSIX tar archive (GNU)', mime: 'application/x-tar', encoding: 'binary' };
  return textVerdict(text);
}

function file(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'bcEhiklLNnprsvzZ0',
    withArg: 'efFmP',
    long: [
      { name: 'brief', key: 'b' },
      { name: 'mime', key: 'i' },
      { name: 'mime-type', key: 'mime-type' },
      { name: 'mime-encoding', key: 'mime-encoding' },
      { name: 'dereference', key: 'L' },
      { name: 'no-dereference', key: 'h' },
      { name: 'uncompress', key: 'z' },
      { name: 'no-pad', key: 'N' },
      { name: 'separator', key: 'F', arg: 'required' },
      { name: 'help', key: 'help' },
      { name: 'version', key: 'v' },
    ],
  });
  if (!parsed.ok) {
    ctx.err(`file: ${parsed.message}`);
    ctx.err('Usage: file [-bcEhikLlNnprsvzZ0] [--apparent-type] [--mime-type] [-e testname] [-F separator] [-f namefile] [-m magicfiles] file ...');
    ctx.err('       file -C [-m magicfiles]');
    ctx.err('       file [--help]');
    return 1;
  }
  const { options } = parsed;
  if (options.has('v')) {
    ctx.out('file-5.32');
    ctx.out('magic file from /etc/magic:/usr/share/misc/magic');
    return 0;
  }
  if (options.has('help') || options.operands.length === 0) {
    if (options.has('help')) {
      ctx.out('Usage: file [OPTION...] [FILE...]');
      ctx.note('Not simulated in this drill: the full --help text of file.');
      return 0;
    }
    ctx.err('Usage: file [-bcEhikLlNnprsvzZ0] [--apparent-type] [--mime-type] [-e testname] [-F separator] [-f namefile] [-m magicfiles] file ...');
    ctx.err('       file -C [-m magicfiles]');
    ctx.err('       file [--help]');
    return 1;
  }
  const actor = actorOf(ctx.sys);
  const separator = options.value('F') ?? ':';
  const names = options.operands;
  const width = Math.max(...names.map((n) => n.length + separator.length));
  for (const name of names) {
    const prefix = options.has('b') ? '' : options.has('N') ? `${name}${separator} ` : `${`${name}${separator}`.padEnd(width)} `;
    const found = locate(actor, name, options.has('L'));
    let verdict: Verdict;
    if (!found.ok) {
      verdict = { text: `cannot open \`${name}' (${ERROR_TEXT[found.error]})`, mime: 'cannot open', encoding: '' };
    } else if (found.node.kind === 'file' && !may(actor, found.node, 'r')) {
      verdict = { text: 'regular file, no read permission', mime: 'regular file, no read permission', encoding: '' };
    } else verdict = verdictOf(ctx, found.node, found.path, options.has('z'));
    let shown = verdict.text;
    if (options.has('i') && verdict.encoding) shown = `${verdict.mime}; charset=${verdict.encoding}`;
    else if (options.has('mime-type') && verdict.encoding) shown = verdict.mime;
    else if (options.has('mime-encoding') && verdict.encoding) shown = verdict.encoding;
    ctx.out(prefix + shown);
  }
  return 0;
}

export const fileTypePrograms: Readonly<Record<string, ProgramEntry>> = {
  file: { main: file, base: true },
};
