import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Fills every free byte, as another program writing a large file would. */
  fill(): void;
  /** Frees the space fill() took. */
  free(): void;
  unmount(): void;
}

/**
 * A tiny tmpfs mounted at `dir` (created if missing), so writes there meet a real ENOSPC.
 * Needs root, as the CI runs (it installs Debian packages); fails loudly otherwise.
 */
export function smallDisk(dir: string, sizeKb = 256): SmallDisk {
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (err) {
    throw new Error(
      `The disk-full test mounts a ${sizeKb} KB tmpfs and needs root (CAP_SYS_ADMIN): ${String(err)}`,
      { cause: err },
    );
  }
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = fs.openSync(filler, 'a');
      const chunk = Buffer.alloc(4096, 1);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOSPC') throw err;
      } finally {
        fs.closeSync(fd);
      }
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    },
  };
}
