/**
 * Programs that look at and change files: ls, cat, cp, mv, rm, find, stat, du, file, gzip, scp…
 * Each lives in its own module under files/; this joins their tables.
 */
import type { ProgramTable } from './registry';
import { catPrograms } from './files/cat';
import { chmodPrograms } from './files/chmod';
import { chownPrograms } from './files/chown';
import { cpPrograms } from './files/cp';
import { duPrograms } from './files/du';
import { fileTypePrograms } from './files/file';
import { findPrograms } from './files/find';
import { gzipPrograms } from './files/gzip';
import { lnPrograms } from './files/ln';
import { lsPrograms } from './files/ls';
import { mkdirPrograms } from './files/mkdir';
import { mvPrograms } from './files/mv';
import { namePrograms } from './files/names';
import { pagerPrograms } from './files/pager';
import { rmPrograms } from './files/rm';
import { scpPrograms } from './files/scp';
import { statPrograms } from './files/stat';
import { sumPrograms } from './files/sums';
import { tarPrograms } from './files/tar';
import { teePrograms } from './files/tee';
import { touchPrograms } from './files/touch';

export const filePrograms: ProgramTable = {
  ...lsPrograms,
  ...catPrograms,
  ...pagerPrograms,
  ...cpPrograms,
  ...mvPrograms,
  ...rmPrograms,
  ...mkdirPrograms,
  ...touchPrograms,
  ...lnPrograms,
  ...chmodPrograms,
  ...chownPrograms,
  ...statPrograms,
  ...findPrograms,
  ...duPrograms,
  ...fileTypePrograms,
  ...gzipPrograms,
  ...tarPrograms,
  ...scpPrograms,
  ...namePrograms,
  ...sumPrograms,
  ...teePrograms,
};
