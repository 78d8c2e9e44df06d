/** MySQL's programs: the mysql client, mysqldump, mysqlbinlog, mysqladmin. */
import type { ProgramTable } from '../programs/registry';

export const mysqlPrograms: ProgramTable = {};
