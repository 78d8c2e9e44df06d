/**
 * Whether OpenSSH 7.6's public-key login from the host the trainee is on gets in, the one rule
 * ssh and scp share. On the trainee's own machine (where their first shell is) the desktop's
 * agent holds their key, which every server has in its login user's authorized_keys. On a server
 * ssh offers what it has: the key of a forwarded agent (sshd set SSH_AUTH_SOCK because the
 * connection asked for it: `ssh -A`, or `ForwardAgent yes` in the client's ~/.ssh/config), else
 * the user's own private keys in ~/.ssh, which get in only when their public half is in the
 * target user's authorized_keys. With nothing accepted the server ends it with
 * `Permission denied (publickey).`
 */
import type { ProgramContext } from '../process';
import { lookup } from '../fs';
import { userOf } from '../process';
import { stableHex } from '../system/baseImage';
import { DEFAULT_IDENTITIES, userSshConfig } from './sshVerbose';

/** The host of the trainee's first shell: their own machine. */
function originOf(ctx: ProgramContext): string | null {
  const first = ctx.sys.draft.sessions[0];
  return first?.kind === 'shell' ? first.host : null;
}

/** Whether the client on this host holds the trainee's key (their machine, or an agent forwarded from it). */
function holdsTraineeKey(ctx: ProgramContext): boolean {
  return ctx.sys.host === originOf(ctx) || (ctx.sys.env.SSH_AUTH_SOCK ?? '') !== '';
}

/** The base64 blobs of a text's key lines (an authorized_keys may put options in front). */
function blobsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /(?:^|\s)(ssh-[\w-]+|ecdsa-sha2-[\w-]+) (AAAA[A-Za-z0-9+/=]+)/.exec(line);
    if (m) out.add(m[2]!);
  }
  return out;
}

/** The public halves of the private keys the user has in ~/.ssh on this host (ssh's default identities). */
function ownKeys(ctx: ProgramContext): Set<string> {
  const home = ctx.sys.userInfo(ctx.sys.user.name)?.home ?? ctx.sys.env.HOME ?? '/';
  const out = new Set<string>();
  for (const name of DEFAULT_IDENTITIES) {
    if (ctx.sys.node(`${home}/.ssh/${name}`) === null) continue;
    const pub = ctx.sys.read(`${home}/.ssh/${name}.pub`);
    if (pub.ok) for (const blob of blobsOf(pub.text)) out.add(blob);
  }
  return out;
}

/** The key blobs `user` on `target` accepts (its ~/.ssh/authorized_keys). */
function authorizedOn(ctx: ProgramContext, target: string, user: string): Set<string> {
  const info = userOf(ctx.sys.config, target, user);
  const found = info ? lookup(ctx.sys.draft.host(target)?.files ?? {}, `${info.home}/.ssh/authorized_keys`) : null;
  return found && found.node.kind === 'file' ? blobsOf(ctx.sys.textOf(found.node)) : new Set();
}

/** Whether a login as `user` on the scenario's host `target` gets in from where the trainee is. */
export function sshAccepted(ctx: ProgramContext, target: string, user: string): boolean {
  const spec = ctx.sys.config.world.hosts[target];
  if (!spec || !userOf(ctx.sys.config, target, user)) return false;
  // The trainee's key is in their login's authorized_keys on every server (sshFiles.ts).
  if (holdsTraineeKey(ctx) && user === spec.login) return true;
  const authorized = authorizedOn(ctx, target, user);
  for (const blob of ownKeys(ctx)) if (authorized.has(blob)) return true;
  return false;
}

/**
 * Whether the new session gets a forwarded agent: the client has one to forward and the
 * connection asks for it (`-A`, or ForwardAgent in ~/.ssh/config for the name typed; `-a` says no).
 */
export function forwardsAgent(ctx: ProgramContext, typed: string, flag: boolean | null): boolean {
  if (!holdsTraineeKey(ctx)) return false;
  return flag ?? userSshConfig(ctx, typed).forwardAgent ?? false;
}

/** The SSH_AUTH_SOCK sshd sets for a forwarded agent: a socket in a fresh /tmp/ssh-XXXXXXXXXX, named after the session's sshd. */
export function agentSocket(host: string, sshdPid: number, since: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const hex = stableHex(`${host}:${sshdPid}:${since}:agent`, 20);
  let dir = '';
  for (let i = 0; i < 10; i += 1) dir += letters[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % letters.length];
  return `/tmp/ssh-${dir}/agent.${sshdPid}`;
}

/**
 * The drill's note for ssh's first-contact question (`The authenticity of host … can't be
 * established.`), which the drill does not ask: a server's user has no known_hosts of their own.
 */
export function unknownHostNote(ctx: ProgramContext, typed: string, fingerprint: string | null = null): void {
  if (ctx.sys.host === originOf(ctx)) return;
  const home = ctx.sys.userInfo(ctx.sys.user.name)?.home ?? ctx.sys.env.HOME ?? '/';
  if (ctx.sys.node(`${home}/.ssh/known_hosts`) !== null || ctx.sys.node('/etc/ssh/ssh_known_hosts') !== null) return;
  ctx.note(`Not simulated in this drill: ssh's question whether to trust ${typed}'s host key, which this host has never seen (no known_hosts here${fingerprint ? `; ECDSA key fingerprint is ${fingerprint}` : ''}); the drill went on as if you had answered yes.`);
}
