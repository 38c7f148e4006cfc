import { parseYamlData, type YamlFileResult } from '../io/yaml-text.js';

/**
 * The files of one pack, however they are stored: a directory on disk (the
 * CLI's, see packs/directory.ts) or a set of texts in memory (the browser
 * playground's). Paths are relative to the pack and use "/": `pack.yaml`,
 * `rules/minimum.yaml`, `tests/cases.yaml`. Pack loading, lint and pack tests
 * read through this and nothing else, so they run where there is no file system.
 */
export interface PackFiles {
  /** How the pack itself is named in issues (its directory, as shown to the user). */
  readonly source: string;
  /** How one of its files is named in issues. */
  shown(path: string): string;
  /** Whether anything is at the path (a file that cannot be read still counts, so that reading it reports why). */
  has(path: string): boolean;
  /** The visible `.yaml`/`.yml` files directly in a folder of the pack, by name, sorted; none when there is no such folder. */
  list(folder: string): string[];
  /** A file's YAML as plain data, or why it cannot be read or parsed. */
  readYaml(path: string): YamlFileResult;
}

const DATA_FILE = /\.ya?ml$/;

/**
 * A pack held in memory: `files` maps pack paths (`pack.yaml`,
 * `rules/x.yaml`) to their text. Issues name files by these paths (prefixed
 * with `prefix` when given).
 */
export function packFilesFromTexts(files: ReadonlyMap<string, string> | Readonly<Record<string, string>>, source = '(pack)', prefix = ''): PackFiles {
  const texts = files instanceof Map ? (files as ReadonlyMap<string, string>) : new Map(Object.entries(files));
  return {
    source,
    shown: (path) => `${prefix}${path}`,
    has: (path) => texts.has(path),
    list: (folder) =>
      [...texts.keys()]
        .filter((path) => path.startsWith(`${folder}/`) && !path.slice(folder.length + 1).includes('/'))
        .map((path) => path.slice(folder.length + 1))
        .filter((name) => !name.startsWith('.') && DATA_FILE.test(name))
        .sort(),
    readYaml: (path) => {
      const text = texts.get(path);
      return text === undefined ? { ok: false, problems: ['cannot read: no such file'] } : parseYamlData(text);
    },
  };
}
