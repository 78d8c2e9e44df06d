/** A systemd unit's state on one host. (Owned by the system programs; see systemctl.ts.) */
export interface ServiceState {
  /** `active`, `inactive`, `failed`, `activating`… as `systemctl is-active` prints it. */
  active: 'active' | 'inactive' | 'failed' | 'activating' | 'deactivating' | 'reloading';
  /** `running`, `dead`, `exited`, `failed`: the sub-state in `Active: active (running)`. */
  sub: string;
  /** The main process, while it runs. */
  pid: number | null;
  /** Clock seconds when it last entered its current state. */
  since: number;
}
