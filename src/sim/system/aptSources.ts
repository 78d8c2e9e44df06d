/**
 * APT's sources: the /etc/apt/sources.list cloud-init writes on a cloud server's first boot
 * (its templates/sources.list.ubuntu.tmpl of 2020, bionic, the archive and security mirrors),
 * and the list mysql-apt-config writes on a host that runs MySQL from Oracle's repository.
 */
import type { HostSpec } from '../../scenario/world';
import type { FileNode } from '../fs';
import { isDesktopInstall } from './baseImage';

const MIRROR = 'http://archive.ubuntu.com/ubuntu';
const SECURITY = 'http://security.ubuntu.com/ubuntu';
const CODENAME = 'bionic';

/** cloud-init's sources.list for bionic with the default mirrors. */
export const CLOUD_SOURCES_LIST = [
  '## Note, this file is written by cloud-init on first boot of an instance',
  '## modifications made here will not survive a re-bundle.',
  '## if you wish to make changes you can:',
  "## a.) add 'apt_preserve_sources_list: true' to /etc/cloud/cloud.cfg",
  '##     or do the same in user-data',
  '## b.) add sources in /etc/apt/sources.list.d',
  '## c.) make changes to template file /etc/cloud/templates/sources.list.tmpl',
  '',
  '# See http://help.ubuntu.com/community/UpgradeNotes for how to upgrade to',
  '# newer versions of the distribution.',
  `deb ${MIRROR} ${CODENAME} main restricted`,
  `# deb-src ${MIRROR} ${CODENAME} main restricted`,
  '',
  '## Major bug fix updates produced after the final release of the',
  '## distribution.',
  `deb ${MIRROR} ${CODENAME}-updates main restricted`,
  `# deb-src ${MIRROR} ${CODENAME}-updates main restricted`,
  '',
  '## N.B. software from this repository is ENTIRELY UNSUPPORTED by the Ubuntu',
  '## team. Also, please note that software in universe WILL NOT receive any',
  '## review or updates from the Ubuntu security team.',
  `deb ${MIRROR} ${CODENAME} universe`,
  `# deb-src ${MIRROR} ${CODENAME} universe`,
  `deb ${MIRROR} ${CODENAME}-updates universe`,
  `# deb-src ${MIRROR} ${CODENAME}-updates universe`,
  '',
  '## N.B. software from this repository is ENTIRELY UNSUPPORTED by the Ubuntu',
  '## team, and may not be under a free licence. Please satisfy yourself as to',
  '## your rights to use the software. Also, please note that software in',
  '## multiverse WILL NOT receive any review or updates from the Ubuntu',
  '## security team.',
  `deb ${MIRROR} ${CODENAME} multiverse`,
  `# deb-src ${MIRROR} ${CODENAME} multiverse`,
  `deb ${MIRROR} ${CODENAME}-updates multiverse`,
  `# deb-src ${MIRROR} ${CODENAME}-updates multiverse`,
  '',
  '## N.B. software from this repository may not have been tested as',
  '## extensively as that contained in the main release, although it includes',
  '## newer versions of some applications which may provide useful features.',
  '## Also, please note that software in backports WILL NOT receive any review',
  '## or updates from the Ubuntu security team.',
  `deb ${MIRROR} ${CODENAME}-backports main restricted universe multiverse`,
  `# deb-src ${MIRROR} ${CODENAME}-backports main restricted universe multiverse`,
  '',
  "## Uncomment the following two lines to add software from Canonical's",
  "## 'partner' repository.",
  '## This software is not part of Ubuntu, but is offered by Canonical and the',
  '## respective vendors as a service to Ubuntu users.',
  `# deb http://archive.canonical.com/ubuntu ${CODENAME} partner`,
  `# deb-src http://archive.canonical.com/ubuntu ${CODENAME} partner`,
  '',
  `deb ${SECURITY} ${CODENAME}-security main restricted`,
  `# deb-src ${SECURITY} ${CODENAME}-security main restricted`,
  `deb ${SECURITY} ${CODENAME}-security universe`,
  `# deb-src ${SECURITY} ${CODENAME}-security universe`,
  `deb ${SECURITY} ${CODENAME}-security multiverse`,
  `# deb-src ${SECURITY} ${CODENAME}-security multiverse`,
  '',
].join('\n');

/** mysql-apt-config's /etc/apt/sources.list.d/mysql.list with the MySQL 8.0 series chosen. */
export const MYSQL_APT_LIST = [
  '### THIS FILE IS AUTOMATICALLY CONFIGURED ###',
  '# You may comment out entries below, but any other modifications may be lost.',
  "# Use command 'dpkg-reconfigure mysql-apt-config' as root for modifications.",
  `deb http://repo.mysql.com/apt/ubuntu/ ${CODENAME} mysql-apt-config`,
  `deb http://repo.mysql.com/apt/ubuntu/ ${CODENAME} mysql-8.0`,
  `deb http://repo.mysql.com/apt/ubuntu/ ${CODENAME} mysql-tools`,
  `#deb http://repo.mysql.com/apt/ubuntu/ ${CODENAME} mysql-tools-preview`,
  `deb-src http://repo.mysql.com/apt/ubuntu/ ${CODENAME} mysql-8.0`,
  '',
].join('\n');

/**
 * /etc/apt on a host installed at `installed` (epoch seconds); `mysqlAdded` is when Oracle's
 * repository was added (its packages' install), or null on a host without the MySQL server. A
 * desktop install's sources.list (the installer's, not cloud-init's) is not modelled.
 */
export function aptFiles(spec: HostSpec, installed: number, mysqlAdded: number | null): Record<string, FileNode> {
  const dir = (mtime: number): FileNode => ({ kind: 'dir', owner: 'root', group: 'root', mode: 0o755, mtime });
  const file = (content: string, mtime: number): FileNode => ({ kind: 'file', owner: 'root', group: 'root', mode: 0o644, mtime, content });
  const files: Record<string, FileNode> = { '/etc/apt': dir(installed), '/etc/apt/sources.list.d': dir(mysqlAdded ?? installed) };
  if (!isDesktopInstall(spec)) files['/etc/apt/sources.list'] = file(CLOUD_SOURCES_LIST, installed);
  if (mysqlAdded !== null) files['/etc/apt/sources.list.d/mysql.list'] = file(MYSQL_APT_LIST, mysqlAdded);
  return files;
}
