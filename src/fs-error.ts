/**
 * Plain words for the file-system errors a user can cause by naming a file (missing, a folder, no permission),
 * shared by every command that reads or writes a file the user named, so they all read the same.
 */

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'something that is not a folder is in the way',
  ELOOP: 'too many levels of symbolic links',
};

/** "no such file", "permission denied", … for an fs error; its message for anything else. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && Object.hasOwn(WORDS, code)) return WORDS[code]!;
  return code ?? (err instanceof Error ? err.message : String(err));
}
