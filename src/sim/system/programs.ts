/** What a host runs and is made of: systemctl, journalctl, service, ps, top, free, uptime, df, uname, sudo… */
import type { ProgramTable } from '../programs/registry';

export const systemPrograms: ProgramTable = {};
