// Is a host port free, and if not, who holds it? Docker publishes the labs' ports on 127.0.0.1,
// so that is the address we try to bind.
import { createServer } from 'node:net';
import { $ } from 'zx';
import { findOnPath } from './docker.ts';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `users:(("python3",pid=123,fd=3))` from `ss -ltnpH` -> `python3 (pid 123)`. */
export function parseSsOwner(output: string): string | undefined {
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(output);
  return m ? `${m[1]} (pid ${m[2]})` : undefined;
}

/** `lsof -Fpc` prints `p123` and `cpython3` lines. */
export function parseLsofOwner(output: string): string | undefined {
  const pid = /^p(\d+)$/m.exec(output)?.[1];
  const name = /^c(.+)$/m.exec(output)?.[1];
  return pid ? `${name ?? 'process'} (pid ${pid})` : undefined;
}

/** The process listening on a TCP port, when the OS tells (ss on Linux, lsof on macOS). */
export async function portOwner(port: number): Promise<string | undefined> {
  const q = $({ quiet: true, nothrow: true, timeout: '5s' });
  if (findOnPath('ss')) {
    const out = await q`ss -ltnpH ${`sport = :${port}`}`;
    const owner = parseSsOwner(out.stdout);
    if (owner) return owner;
  }
  if (findOnPath('lsof')) {
    const out = await q`lsof -nP -iTCP:${port} -sTCP:LISTEN -Fpc`;
    return parseLsofOwner(out.stdout);
  }
  return undefined;
}
