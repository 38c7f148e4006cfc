// The HTML report is tested in a real headless Chromium with a Thai font.
// This finds the browser (CHROMIUM_PATH, then the usual Debian/Ubuntu paths)
// and, when it or the Thai font is missing on a Debian-like machine where we
// may install packages (root with apt-get), installs Debian's `chromium` and
// `fonts-thai-tlwg`. Prints the browser's path; exits non-zero with a clear
// message when it cannot be had, so the test command never silently skips it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findBrowser() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

function hasThaiFont() {
  const result = spawnSync('fc-list', [':lang=th', 'family'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

function canInstall() {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function ensureBrowser() {
  const missing = [];
  if (!findBrowser()) missing.push('chromium');
  if (!hasThaiFont()) missing.push('fonts-thai-tlwg');
  if (missing.length > 0) {
    if (!canInstall()) {
      return { ok: false, reason: `missing ${missing.join(' and ')}: install them (Debian: apt-get install ${missing.join(' ')}) or set CHROMIUM_PATH` };
    }
    console.log(`installing ${missing.join(', ')} (Debian packages) for the HTML report's browser test…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env }) : update;
    if (install.status !== 0) return { ok: false, reason: `apt-get could not install ${missing.join(' ')}` };
  }
  const browser = findBrowser();
  return browser ? { ok: true, path: browser } : { ok: false, reason: 'no Chromium found after installing it' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = ensureBrowser();
  if (!result.ok) {
    console.error(result.reason);
    process.exit(1);
  }
  console.log(result.path);
}
