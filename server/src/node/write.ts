/**
 * Writing a fixed report back (`xxgknb check --fix`) so that nothing the user has is lost:
 * - the file must still hold the bytes that were checked: one saved again while it was being checked keeps its new
 *   text (the fixes were computed from the old one);
 * - the new bytes go to a temporary file beside it, flushed to disk, then renamed over it: a full disk, a quota or a
 *   file-size limit leaves the original as it was (written in place, it was cut short at the limit). The original's
 *   permissions and owner are kept; a symbolic link is followed and its target replaced, the link stays.
 * A file with other hard links (a rename would part it from its other names), or one whose folder does not let us
 * create the temporary file or give it the original's owner, is written in place instead, as editors do.
 */
import * as fs from 'node:fs';
import { folderBytes, realPath } from './bytePaths';
import { errorText } from './read';

/** Writes `next` over `file` if it still holds `checked`; undefined when written, else why not (for the user). */
export function writeBack(file: string | Buffer, checked: Uint8Array, next: Uint8Array): string | undefined {
  // (In bytes: a name that is not UTF-8 stays what it is.)
  let real: Buffer, st: fs.Stats;
  try {
    real = realPath(file);
    if (!Buffer.from(fs.readFileSync(real)).equals(Buffer.from(checked.buffer, checked.byteOffset, checked.byteLength))) {
      return '文件在检查期间已被修改，未写入修复 / the file changed while it was checked: fixes not written';
    }
    fs.accessSync(real, fs.constants.W_OK);
    st = fs.statSync(real);
  } catch (e) {
    return cannotWrite(e);
  }
  if (st.nlink > 1) return inPlace(real, next);
  const folder = folderBytes(real);
  const temporary = Buffer.concat([folder, Buffer.from('.'), real.subarray(folder.length), Buffer.from(`.xxgknb-${process.pid}-${Math.random().toString(36).slice(2, 10)}`)]);
  let fd = -1;
  try {
    fd = fs.openSync(temporary, 'wx', 0o600);
    if (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()) fs.fchownSync(fd, st.uid, st.gid);
    fs.fchmodSync(fd, st.mode & 0o7777);
    for (let at = 0; at < next.byteLength; ) at += fs.writeSync(fd, next, at, next.byteLength - at);
    try {
      fs.fsyncSync(fd);
    } catch (e) {
      // Some file systems (network, FUSE, virtual machines' shared folders) do not flush on request: written as it is.
      if (!['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    }
    const closing = fd;
    fd = -1;
    fs.closeSync(closing);
    fs.renameSync(temporary, real);
    return undefined;
  } catch (e) {
    // (Closed once: under --jobs the threads share one table of descriptors, and a number closed twice may by then
    // be another thread's file.)
    if (fd >= 0) { try { fs.closeSync(fd); } catch { /* nothing to do */ } }
    fs.rmSync(temporary, { force: true });
    // Out of room: writing in place would be cut short too, and cut the report with it.
    if (['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO'].includes((e as NodeJS.ErrnoException).code ?? '')) return cannotWrite(e);
    // Anything else (no temporary file in this folder, an owner we cannot give it, a file that cannot be replaced
    // by a rename: a bind-mounted file, one held open on Windows): written in place, as editors do.
    return inPlace(real, next);
  }
}

function inPlace(file: Buffer, next: Uint8Array): string | undefined {
  try {
    fs.writeFileSync(file, next);
    return undefined;
  } catch (e) {
    return cannotWrite(e);
  }
}

function cannotWrite(e: unknown): string {
  return `无法写入修复 / cannot write the fixes: ${errorText(e)}`;
}
