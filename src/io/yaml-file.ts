import { isUtf8 } from 'node:buffer';
import { parseYamlData, type YamlFileResult } from './yaml-text.js';
import { FileReadError, readRegularFile, type OpenOptions } from './read-file.js';

/** Largest YAML data file read (pack files, pack tests): a pack is data written by people, not a dump. */
export const MAX_DATA_FILE_BYTES = 10 * 1024 * 1024;

export { parseYamlData, type YamlFileResult };

/**
 * Read a YAML file as plain data: through {@link readRegularFile} (regular
 * files only, size limit enforced while reading), UTF-8 only, YAML 1.2 core
 * schema with no tag resolved — unknown tags (`!!js/function`) and YAML 1.1's
 * (`!!binary`, `!!timestamp`, `!!set`) are errors, never a Buffer, a Date or a
 * Set — duplicate keys refused, alias expansion bounded.
 */
export function readYamlFile(path: string, options: OpenOptions & { maxBytes?: number } = {}): YamlFileResult {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, { maxBytes: options.maxBytes ?? MAX_DATA_FILE_BYTES, ...(options.within !== undefined ? { within: options.within } : {}) });
  } catch (error) {
    if (error instanceof FileReadError) return { ok: false, problems: [error.problem === 'too-large' ? `larger than ${(options.maxBytes ?? MAX_DATA_FILE_BYTES) / 1024 / 1024} MB` : `cannot read: ${error.reason}`] };
    return { ok: false, problems: [`cannot read: ${(error as Error).message}`] };
  }
  if (!isUtf8(bytes)) return { ok: false, problems: ['not UTF-8 text'] };
  return parseYamlData(bytes.toString('utf8'));
}

