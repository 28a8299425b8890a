// Paths a user gives on the command line resolve from where they typed it. pnpm runs scripts in
// the package folder and records the user's folder in INIT_CWD, so `pnpm lab:loki bundle kit.tar`
// writes kit.tar where the user stands, whether that is the repository root or labs/loki.
import { resolve } from 'node:path';

export function fromUserDir(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
