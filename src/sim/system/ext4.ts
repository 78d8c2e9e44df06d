/**
 * What an ext4 filesystem made by Ubuntu 18.04's mkfs.ext4 (e2fsprogs 1.44.1, its defaults:
 * 4 KiB blocks, 32768 blocks and 8192 inodes of 256 bytes a group, 64bit, resize_inode,
 * sparse_super, 5 % reserved) looks like to statfs(2) under Linux 4.15, so that `df` of a
 * mount the world models file by file is what its files take plus the filesystem's own use.
 *
 * The kernel leaves the per-group metadata (superblock copies, group descriptors, bitmaps,
 * inode tables) and the journal out of the block count (ext4_calculate_overhead), so Size is a
 * little below the partition; the reserved GDT blocks (kept for online growth, owned by the
 * resize inode) it does not leave out, so a fresh filesystem shows them as used: 52 MiB on 50 GiB.
 */

const BLOCK = 4096;
const BLOCKS_PER_GROUP = 32768;
const INODES_PER_GROUP = 8192;
/** Blocks of inode table a group (8192 inodes of 256 bytes). */
const INODE_TABLE_BLOCKS = (INODES_PER_GROUP * 256) / BLOCK;
/** Group descriptors a block (64 bytes each with the 64bit feature). */
const DESCRIPTORS_PER_BLOCK = BLOCK / 64;

export interface Ext4Geometry {
  /** statfs f_blocks, KiB: df's Size. */
  sizeKib: number;
  /** KiB in use on a fresh filesystem that no file shows: the reserved GDT blocks, the resize inode's block, lost+found. */
  metadataKib: number;
  /** KiB only root may use: the 5 % reserved blocks and the kernel's own reserve (2 %, at most 16 MiB). */
  reservedKib: number;
  inodes: number;
  /** Inodes in use that are no file the world lists: inodes 1–10 (the root directory is 2) and lost+found (11). */
  metadataInodes: number;
}

/** Groups that hold a superblock copy with sparse_super: 0, 1 and the powers of 3, 5 and 7. */
function superblockGroups(groups: number): number {
  const holders = new Set<number>([0]);
  if (groups > 1) holders.add(1);
  for (const base of [3, 5, 7]) for (let g = base; g < groups; g *= base) holders.add(g);
  return [...holders].filter((g) => g < groups).length;
}

/** e2fsprogs' ext2fs_default_journal_size, in blocks. */
function journalBlocks(blocks: number): number {
  if (blocks < 2048) return 0;
  if (blocks < 32768) return 1024;
  if (blocks < 256 * 1024) return 4096;
  if (blocks < 512 * 1024) return 8192;
  if (blocks < 4096 * 1024) return 16384;
  if (blocks < 8192 * 1024) return 32768;
  if (blocks < 16384 * 1024) return 65536;
  if (blocks < 32768 * 1024) return 131072;
  return 262144;
}

/** mke2fs's calc_reserved_gdt_blocks: room to grow to 1024 times the size, or 2^32 blocks, at most a block of pointers. */
function reservedGdtBlocks(blocks: number, descriptorBlocks: number): number {
  const maxBlocks = blocks < 0xffffffff / 1024 ? blocks * 1024 : 0xffffffff;
  const groups = Math.ceil(maxBlocks / BLOCKS_PER_GROUP);
  return Math.max(0, Math.min(BLOCK / 4, Math.ceil(groups / DESCRIPTORS_PER_BLOCK) - descriptorBlocks));
}

/** The geometry of an ext4 filesystem on a partition of `bytes`. */
export function ext4Geometry(bytes: number): Ext4Geometry {
  const blocks = Math.floor(bytes / BLOCK);
  const groups = Math.max(1, Math.ceil(blocks / BLOCKS_PER_GROUP));
  const descriptorBlocks = Math.ceil(groups / DESCRIPTORS_PER_BLOCK);
  const withSuper = superblockGroups(groups);
  const overhead = groups * (INODE_TABLE_BLOCKS + 2) + withSuper * (1 + descriptorBlocks) + journalBlocks(blocks);
  const kib = BLOCK / 1024;
  // The resize inode's double-indirect block, and lost+found's 16 KiB (four blocks).
  const metadata = withSuper * reservedGdtBlocks(blocks, descriptorBlocks) + 1 + 4;
  const reserved = Math.floor(blocks * 0.05) + Math.min(Math.floor(blocks / 50), 4096);
  return { sizeKib: (blocks - overhead) * kib, metadataKib: metadata * kib, reservedKib: reserved * kib, inodes: groups * INODES_PER_GROUP, metadataInodes: 11 };
}
