import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { EXIT, type Io } from '../io.js';

/** The built playground folder (`npm run playground`): beside dist/ in the package, or in the repository. */
export function playgroundDirectory(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // dist/cli-bundle.cjs → ../playground/dist; src/cli/commands/playground.ts → ../../../playground/dist.
  const candidates = [join(here, '..', 'playground', 'dist'), join(here, '..', '..', '..', 'playground', 'dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * Serve the playground folder's files, read once: only those files, only GET
 * and HEAD, nothing else on the machine reachable through a path. The page
 * itself fetches nothing; the headers say so too.
 */
export function playgroundServer(directory: string): Server {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(directory)) {
    const type = TYPES[extname(name)];
    if (type) files.set(`/${name}`, { body: readFileSync(join(directory, name)), type });
  }
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files.get(path === '/' ? '/index.html' : path);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      'content-type': file.type,
      'content-length': file.body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  });
}

interface PlaygroundOptions {
  port: string;
}

/** `playground`: serve the pack playground on 127.0.0.1 and print its address; runs until stopped. */
export function registerPlayground(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('playground')
    .description('serve the pack playground (edit a pack, see its findings, lint and tests in the browser) on 127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '0')
    .action(async (options: PlaygroundOptions) => {
      const port = Number(options.port);
      if (!/^\d+$/.test(options.port) || port > 65535) {
        io.stderr.write(`error: --port ${options.port}: give a port number from 0 to 65535 (0: any free port)\n`);
        return setCode(EXIT.usage);
      }
      const directory = playgroundDirectory();
      if (!directory) {
        io.stderr.write('error: playground: the playground is not built; run `npm run playground` in the repository first\n');
        return setCode(EXIT.usage);
      }
      const server = playgroundServer(directory);
      const listening = await new Promise<AddressInfo | Error>((resolve) => {
        server.once('error', resolve);
        server.listen(port, '127.0.0.1', () => resolve(server.address() as AddressInfo));
      });
      if (listening instanceof Error) {
        const code = (listening as NodeJS.ErrnoException).code;
        io.stderr.write(`error: playground: cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use; give another with --port, or --port 0 for any free port' : listening.message}\n`);
        return setCode(EXIT.usage);
      }
      io.stdout.write(`pack playground: http://127.0.0.1:${listening.port}/\n(serving ${directory}; nothing is sent anywhere; stop with Ctrl-C)\n`);
      setCode(EXIT.ok);
    });
}
