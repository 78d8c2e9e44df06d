/**
 * The kernel's ring buffer from boot, as `dmesg` and `journalctl -k` show it: a 4.15 kernel
 * booting on a KVM guest (or the host's declared hardware) with this host's CPUs, memory, disks
 * and network interface. Times are seconds after boot, to the microsecond.
 */
import type { HostSpec } from '../../scenario/world';
import { cpusOf } from './units';
import { kernelBuildOf, kernelOf, machineOf, memoryTotalKib, rootDeviceOf } from './machine';
import { stableHex } from './baseImage';

export interface KernelLine {
  /** Seconds after boot. */
  offset: number;
  text: string;
  /** syslog priority of the line (6 info, 4 warning). */
  priority: number;
}

/** The lines a host's kernel logged while booting (at `bootEpoch`, epoch seconds). */
export function kernelLog(spec: HostSpec | undefined, bootEpoch: number): KernelLine[] {
  const kernel = kernelOf(spec);
  const build = kernelBuildOf(spec);
  const abi = /^(\d+\.\d+\.\d+)-(\d+)-(\w+)$/.exec(kernel);
  const buildNo = /^#(\d+)/.exec(build)?.[1];
  const signature = abi && buildNo ? ` (Ubuntu ${abi[1]}-${abi[2]}.${buildNo}-${abi[3]} ${abi[1]!.replace(/\.0$/, '.18')})` : '';
  const cpus = cpusOf(spec);
  const memKib = memoryTotalKib(spec);
  const root = rootDeviceOf(spec).replace(/^\/dev\//, '');
  const machine = machineOf(spec);
  const guest = machine.virtualization !== 'none';
  // The first real interface the host declares (a VPN's tun comes later, from openvpn).
  const nic = spec?.network?.interfaces?.find((i) => !/^(lo|tun|tap|wg)\d*$/.test(i.name))?.name ?? 'ens3';
  const wireless = nic.startsWith('wl');
  // A cloud image boots with a serial console; a desktop install from its UUID, quietly, with the splash.
  const rootUuid = stableHex(`${spec?.hostname ?? root}:root-uuid`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  const cmdline = guest ? `root=/dev/${root} ro console=tty1 console=ttyS0` : `root=UUID=${rootUuid} ro quiet splash vt.handoff=1`;
  const lines: [number, string, number?][] = [
    [0, `Linux version ${kernel} (buildd@lcy01-amd64-013) (gcc version 7.5.0 (Ubuntu 7.5.0-3ubuntu1~18.04)) ${build}${signature}`],
    [0, `Command line: BOOT_IMAGE=/boot/vmlinuz-${kernel} ${cmdline}`],
    [0, 'KERNEL supported cpus:'],
    [0, '  Intel GenuineIntel'],
    [0, '  AMD AuthenticAMD'],
    [0, '  Centaur CentaurHauls'],
    [0, 'x86/fpu: Supporting XSAVE feature 0x001: \'x87 floating point registers\''],
    [0, `DMI: ${machine.dmi}`],
    ...(guest ? [[0, 'Hypervisor detected: KVM'] as [number, string]] : []),
    [0, `Memory: ${memKib - 59_000}K/${memKib + 154_348}K available (12300K kernel code, 2481K rwdata, 4172K rodata, 2436K init, 2388K bss, ${213_348}K reserved, 0K cma-reserved)`],
    [0.004, `smpboot: Allowing ${cpus} CPUs, 0 hotplug CPUs`],
    [0.092, `smp: Brought up 1 node, ${cpus} CPU${cpus === 1 ? '' : 's'}`],
    // Real hardware's firmware: the ACPI tables' known bugs (4.15's ACPICA is 20170831) and the TPM's claimed range, as on most laptops of the time.
    ...(guest ? [] : [
      [0.212, 'ACPI Error: [\\_SB_.PCI0.XHC_.RHUB.HS11] Namespace lookup failure, AE_NOT_FOUND (20170831/dswload-210)', 3],
      [0.212, 'ACPI Exception: AE_NOT_FOUND, During name lookup/catalog (20170831/psobject-252)', 3],
      [0.388, 'platform MSFT0101:00: failed to claim resource 1: [mem 0xfed40000-0xfed40fff]', 3],
      [0.388, 'acpi MSFT0101:00: platform device creation failed: -16', 3],
    ] as [number, string, number][]),
    [0.648, 'Freeing unused kernel image memory: 2436K'],
    [1.184, `EXT4-fs (${root}): mounted filesystem with ordered data mode. Opts: (null)`],
    [1.712, 'systemd[1]: systemd 237 running in system mode. (+PAM +AUDIT +SELINUX +IMA +APPARMOR +SMACK +SYSVINIT +UTMP +LIBCRYPTSETUP +GCRYPT +GNUTLS +ACL +XZ +LZ4 +SECCOMP +BLKID +ELFUTILS +KMOD -IDN2 +IDN -PCRE2 default-hierarchy=hybrid)'],
    ...(guest ? [[1.720, `systemd[1]: Detected virtualization ${machine.virtualization}.`] as [number, string]] : []),
    [1.720, 'systemd[1]: Detected architecture x86-64.'],
    [1.748, `systemd[1]: Set hostname to <${spec?.hostname ?? 'ubuntu'}>.`],
    [2.156, `EXT4-fs (${root}): re-mounted. Opts: (null)`],
    [2.384, 'systemd-journald[391]: Received request to flush runtime journal from PID 1'],
    [3.012, `audit: type=1400 audit(${bootEpoch + 3}.576:2): apparmor="STATUS" operation="profile_load" profile="unconfined" name="/usr/sbin/tcpdump" pid=471 comm="apparmor_parser"`],
    ...(guest ? [] : [
      [3.204, 'ACPI Warning: SystemIO range 0x0000000000001828-0x000000000000182F conflicts with OpRegion 0x0000000000001800-0x000000000000187F (\\PMIO) (20170831/utaddress-247)', 4],
      [3.204, 'ACPI: If an ACPI driver is available for this device, you should use it instead of the native driver'],
    ] as [number, string, number?][]),
    // Ubuntu's linux-firmware has no iwlwifi-8265-36.ucode: the driver falls back to the newest it has.
    ...(wireless ? [
      [3.402, 'iwlwifi 0000:02:00.0: Direct firmware load for iwlwifi-8265-36.ucode failed with error -2', 4],
      [3.418, 'iwlwifi 0000:02:00.0: loaded firmware version 34.0.1 op_mode iwlmvm'],
    ] as [number, string, number?][] : []),
    [3.640, wireless ? `iwlwifi 0000:02:00.0 ${nic}: renamed from wlan0` : guest ? `virtio_net virtio0 ${nic}: renamed from eth0` : `e1000e 0000:00:1f.6 ${nic}: renamed from eth0`],
    [4.212, `IPv6: ADDRCONF(NETDEV_UP): ${nic}: link is not ready`],
  ];
  // The kernel stamps in microseconds: each line's own, fixed per host, never before the line above it.
  const seed = spec?.hostname ?? root;
  let previous = 0;
  return lines.map(([offset, text, priority], i) => {
    const micros = offset === 0 ? 0 : Math.max(previous, Math.round(offset * 1e6) + (parseInt(stableHex(`${seed}:dmesg:${i}`, 4), 16) % 1000));
    previous = micros;
    return { offset: micros / 1e6, text, priority: priority ?? 6 };
  });
}
