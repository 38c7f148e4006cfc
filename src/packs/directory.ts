import { join, relative } from 'node:path';
import { loadPackFromFiles, type LoadedPack, type LoadOptions } from './load.js';
import type { PackFiles } from './files.js';
import { listDataFiles, pathExists } from '../io/read-file.js';
import { readYamlFile } from '../io/yaml-file.js';

/**
 * A pack directory on disk as {@link PackFiles}: every file is read as pack
 * files always were (regular files only, inside the pack, at most 10 MB,
 * UTF-8, no YAML tag resolved) and named relative to the process's directory.
 */
export function directoryPackFiles(directory: string): PackFiles {
  const shown = (file: string) => relative(process.cwd(), file) || file;
  return {
    source: shown(directory),
    shown: (path) => shown(join(directory, path)),
    has: (path) => pathExists(join(directory, path)),
    list: (folder) => listDataFiles(join(directory, folder)),
    readYaml: (path) => readYamlFile(join(directory, path), { within: directory }),
  };
}

/** Load a pack from a directory (see {@link loadPackFromFiles} for what it holds). */
export function loadPackFromDirectory(directory: string, options: LoadOptions = {}): LoadedPack {
  return loadPackFromFiles(directoryPackFiles(directory), options);
}

