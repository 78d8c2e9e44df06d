/**
 * What systemd 237 journals about a user's manager (user@UID.service): PID 1's and the manager's
 * own lines when a user's first login starts it and when the last logout stops it. No imports, so
 * the live sessions (sessions.ts) and the logins before the start (wtmp.ts) share it.
 */
export type ManagerLine = { unit: string; identifier: string; pid: number; message: string };

/**
 * What systemd 237 logs when a user's first session starts their manager: PID 1 makes the
 * slice and starts user@UID.service before logind announces the session; the manager (`pid`)
 * opens its own PAM session, reaches its targets, and PID 1 reports it started.
 */
export function userManagerStartLines(user: string, uid: number, pid: number): { before: ManagerLine[]; after: ManagerLine[] } {
  const unit = `user@${uid}.service`;
  const own = (message: string): ManagerLine => ({ unit, identifier: 'systemd', pid, message });
  return {
    before: [
      { unit: `user-${uid}.slice`, identifier: 'systemd', pid: 1, message: `Created slice User Slice of ${user}.` },
      { unit, identifier: 'systemd', pid: 1, message: `Starting User Manager for UID ${uid}...` },
    ],
    after: [
      own(`pam_unix(systemd-user:session): session opened for user ${user} by (uid=0)`),
      own('Reached target Timers.'),
      own('Reached target Paths.'),
      own('Reached target Sockets.'),
      own('Reached target Basic System.'),
      own('Reached target Default.'),
      own(`Startup finished in ${USER_STARTUP_MS}ms.`),
      { unit, identifier: 'systemd', pid: 1, message: `Started User Manager for UID ${uid}.` },
    ],
  };
}

/** How long the user manager took to start (its sd_notify status says so too). */
export const USER_STARTUP_MS = 38;

/**
 * What systemd 237 logs when the user's last session ends: without KillUserProcesses and with no
 * lingering, logind stops user@UID.service at once (the 10 s UserStopDelaySec came in 240).
 */
export function userManagerStopLines(user: string, uid: number, pid: number): ManagerLine[] {
  const unit = `user@${uid}.service`;
  const own = (message: string): ManagerLine => ({ unit, identifier: 'systemd', pid, message });
  return [
    { unit, identifier: 'systemd', pid: 1, message: `Stopping User Manager for UID ${uid}...` },
    own('Stopped target Default.'),
    own('Stopped target Basic System.'),
    own('Stopped target Timers.'),
    own('Stopped target Sockets.'),
    own('Stopped target Paths.'),
    own('Reached target Shutdown.'),
    own('Starting Exit the Session...'),
    own(`pam_unix(systemd-user:session): session closed for user ${user}`),
    { unit, identifier: 'systemd', pid: 1, message: `Stopped User Manager for UID ${uid}.` },
    { unit: `user-${uid}.slice`, identifier: 'systemd', pid: 1, message: `Removed slice User Slice of ${user}.` },
  ];
}
