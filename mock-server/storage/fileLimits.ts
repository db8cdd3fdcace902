/**
 * The secure/file size limit. The documents say "10MB" (reference §3.3) without saying whether that
 * is 10,000,000 bytes or 10 MiB. The faithful reading accepts up to 10 MiB and names a file over
 * 10,000,000 bytes (file_size_ambiguous); --strict-requests refuses it with the documented 413.
 */
export const FILE_LIMIT_BYTES = 10_000_000;
export const FILE_LIMIT_MIB_BYTES = 10 * 1024 * 1024;

/** The largest file part the transport reads, in each reading. */
export const fileLimitBytes = (strict: boolean) =>
  strict ? FILE_LIMIT_BYTES : FILE_LIMIT_MIB_BYTES;
