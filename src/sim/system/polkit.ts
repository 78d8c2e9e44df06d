/**
 * What happens when a user who is not root asks systemd to change a unit: systemd asks polkit,
 * and polkit's text agent (pkttyagent, started by systemctl on a terminal) asks for a password
 * in its own words. On Ubuntu, members of `sudo` authenticate with their own password (the drill
 * types it for them, as it does for sudo); anyone else is asked for an administrator's, which
 * the trainee does not know. With no terminal there is no agent, and systemd answers
 * "Interactive authentication required."
 */
import type { ProgramContext } from '../process';

export type PolkitAction = 'manage-units' | 'manage-unit-files' | 'reload-daemon';

/** `ok`: authorised (root, or a sudoer who typed their password); `denied`: wrong password; `no-agent`: no terminal to ask on. */
export type PolkitAnswer = 'ok' | 'denied' | 'no-agent';

function identity(ctx: ProgramContext, name: string): string {
  const spec = ctx.sys.spec?.users.find((u) => u.name === name);
  const info = ctx.sys.userInfo(name);
  const gecos = spec?.gecos ?? (info && info.uid >= 1000 ? `${name},,,` : name === 'root' ? 'root' : '');
  return gecos && gecos !== name ? `${gecos} (${name})` : name;
}

/** Asks for authorisation, printing what pkttyagent prints. `message` is polkit's sentence ("Authentication is required to restart 'nginx.service'."). */
export function authorise(ctx: ProgramContext, action: PolkitAction, message: string): PolkitAnswer {
  if (ctx.sys.user.name === 'root') return 'ok';
  if (ctx.stdin !== null) return 'no-agent';
  const sudoer = ctx.sys.user.groups.includes('sudo') || ctx.sys.user.groups.includes('admin');
  const admins = (ctx.sys.spec?.users ?? []).filter((u) => (u.groups ?? []).includes('sudo') || (u.groups ?? []).includes('admin')).map((u) => u.name);
  const who = sudoer ? ctx.sys.user.name : (admins[0] ?? 'root');
  ctx.err(`==== AUTHENTICATING FOR org.freedesktop.systemd1.${action} ===`);
  ctx.err(message);
  ctx.err(`Authenticating as: ${identity(ctx, who)}`);
  ctx.err('Password: ');
  if (sudoer) {
    ctx.note('The drill typed your password for you.');
    ctx.err('==== AUTHENTICATION COMPLETE ===');
    return 'ok';
  }
  ctx.note(`The drill does not know ${who}'s password, so polkit refuses, as it would for you.`);
  ctx.err('polkit-agent-helper-1: pam_authenticate failed: Authentication failure');
  ctx.err('==== AUTHENTICATION FAILED ===');
  return 'denied';
}
