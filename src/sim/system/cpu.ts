/** `nproc` (coreutils 8.28) and `lscpu` (util-linux 2.31) for a KVM guest with the host's CPUs. */
import type { ProgramContext } from '../process';
import { cpusOf } from './units';
import { archOf, cpuModelOf } from './machine';

export function nproc(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let ignore = 0;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '--all') continue;
    if (a.startsWith('--ignore')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v || !/^\d+$/.test(v)) {
        ctx.err(`nproc: invalid number: ‘${v ?? ''}’`);
        return 1;
      }
      ignore = Number(v);
      continue;
    }
    ctx.err(a.startsWith('--') ? `nproc: unrecognized option '${a}'` : a.startsWith('-') ? `nproc: invalid option -- '${a[1]}'` : `nproc: extra operand ‘${a}’`);
    ctx.err("Try 'nproc --help' for more information.");
    return 1;
  }
  ctx.out(String(Math.max(1, cpusOf(ctx.sys.spec) - ignore)));
  return 0;
}

/** util-linux's CPU list: `0`, `0,1`, `0-3`. */
function cpuList(n: number): string {
  if (n === 1) return '0';
  if (n === 2) return '0,1';
  return `0-${n - 1}`;
}

export const CPU_FLAGS = 'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq vmx ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch cpuid_fault invpcid_single pti ssbd ibrs ibpb stibp tpr_shadow vnmi flexpriority ept vpid fsgsbase tsc_adjust bmi1 hle avx2 smep bmi2 erms invpcid rtm mpx avx512f avx512dq rdseed adx smap clflushopt clwb avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves arat pku ospke md_clear arch_capabilities';

export function lscpu(ctx: ProgramContext): number {
  if (ctx.argv.length > 1) {
    ctx.note(`Not simulated in this drill: lscpu ${ctx.argv.slice(1).join(' ')}; here is its summary.`);
  }
  const cpus = cpusOf(ctx.sys.spec);
  const rows: [string, string][] = [
    ['Architecture:', archOf(ctx.sys.spec)],
    ['CPU op-mode(s):', '32-bit, 64-bit'],
    ['Byte Order:', 'Little Endian'],
    ['CPU(s):', String(cpus)],
    ['On-line CPU(s) list:', cpuList(cpus)],
    ['Thread(s) per core:', '1'],
    ['Core(s) per socket:', '1'],
    ['Socket(s):', String(cpus)],
    ['NUMA node(s):', '1'],
    ['Vendor ID:', 'GenuineIntel'],
    ['CPU family:', '6'],
    ['Model:', '85'],
    ['Model name:', cpuModelOf(ctx.sys.spec)],
    ['Stepping:', '4'],
    ['CPU MHz:', '2095.076'],
    ['BogoMIPS:', '4190.15'],
    ['Virtualization:', 'VT-x'],
    ['Hypervisor vendor:', 'KVM'],
    ['Virtualization type:', 'full'],
    ['L1d cache:', '32K'],
    ['L1i cache:', '32K'],
    ['L2 cache:', '4096K'],
    ['L3 cache:', '16384K'],
    ['NUMA node0 CPU(s):', cpuList(cpus)],
    ['Flags:', CPU_FLAGS],
  ];
  for (const [label, value] of rows) ctx.out(`${label.padEnd(21)}${value}`);
  return 0;
}
