/**
 * Share links: the run file, deflated and base64url-encoded, in the URL fragment
 * (`#run=...`). The fragment never leaves the browser, so nothing is sent to any server.
 */
import type { Scenario } from '../scenario/schema';
import { decodeRunText, type DecodeResult } from './decode';
import { MAX_RUN_BYTES, encodeRun, type Run } from './format';

export const SHARE_PREFIX = 'run=';
/** Longest fragment accepted, in characters (a 1 MB run deflates far below this). */
const MAX_FRAGMENT = 2_000_000;

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (without `#`) that carries this run. */
export async function encodeShareFragment(run: Run): Promise<string> {
  const bytes = new TextEncoder().encode(encodeRun(run));
  return SHARE_PREFIX + toBase64Url(await pipeThrough(bytes, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY));
}

/**
 * `##run=…`, `#RUN=…`, `# run=…`: a share link changed on the way (a doubled `#`, letters made
 * capitals). Its start, as typed, or null when the hash is a share link or nothing like one.
 */
function changedStart(hash: string): string | null {
  const start = /^#[#\s]*run=/i.exec(hash)?.[0];
  return start !== undefined && start !== `#${SHARE_PREFIX}` ? start : null;
}

/**
 * True when a location hash carries a shared run, or was meant to (`##run=`, `#RUN=`): decoding
 * that one says what changed, so such a link is never ignored without a word.
 */
export function isShareFragment(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith(SHARE_PREFIX) || changedStart(hash) !== null;
}

const damaged = (): DecodeResult => ({ ok: false, problem: { code: 'not-json', link: true } });
const tooLarge = (): DecodeResult => ({ ok: false, problem: { code: 'too-large', bytes: null, limit: MAX_RUN_BYTES, link: true } });

/** Reads a shared run from a location hash. Never throws: a damaged link is a typed problem (worded by `runProblemText`). */
export async function decodeShareFragment(hash: string, scenarios: readonly Scenario[]): Promise<DecodeResult> {
  const changed = changedStart(hash);
  if (changed !== null) {
    return { ok: false, problem: { code: 'changed-link', starts: changed.slice(0, 20), prefix: SHARE_PREFIX } };
  }
  const payload = hash.replace(/^#/, '').slice(SHARE_PREFIX.length);
  if (payload === '' || payload.length > MAX_FRAGMENT || !/^[A-Za-z0-9_-]+$/.test(payload)) return damaged();
  let text: string;
  try {
    const bytes = await pipeThrough(fromBase64Url(payload), new DecompressionStream('deflate-raw'), MAX_RUN_BYTES + 1);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return error instanceof RangeError ? tooLarge() : damaged();
  }
  // Raw deflate carries no checksum: a changed character can inflate to text that is not JSON.
  // That is a damaged link, not a bad file; problems with the run itself keep their own message.
  const result = decodeRunText(text, scenarios);
  if (result.ok) return result;
  if (result.problem.code === 'too-large') return tooLarge();
  if (result.problem.code === 'not-json' || result.problem.code === 'empty' || result.problem.code === 'too-deep') return damaged();
  return result;
}
