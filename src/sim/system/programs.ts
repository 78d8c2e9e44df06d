/** What a host runs and is made of: systemctl, journalctl, service, ps, top, free, uptime, df, uname… */
import type { ProgramTable } from '../programs/registry';
import { systemctl } from './systemctl';
import { journalctl } from './journalctl';
import { service } from './service';

export const systemPrograms: ProgramTable = {
  systemctl: { main: systemctl, base: true },
  journalctl: { main: journalctl, base: true },
  service: { main: service, base: true },
};
