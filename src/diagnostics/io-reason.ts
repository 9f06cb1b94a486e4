// A file-system error in words for diagnostics: "no such file", "permission denied", ...
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR': case 'EEXIST': return 'a part of the path is a file, not a directory';
    case 'ENOSPC': return 'no space left on the device';
    case 'EROFS': return 'read-only file system';
    default: return e instanceof Error ? e.message : String(e);
  }
}
