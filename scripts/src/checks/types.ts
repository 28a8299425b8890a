// The contract between `verify` and a check implementation.
// A lab declares checks in lab.yaml (`type` + `with`); the runner's built-ins live in
// checks/builtin.ts, a lab's own types in labs/<dir>/checks/index.ts (default export: CheckTypes).
import type { z } from 'zod';
import type { Lab } from '../labs.ts';

export interface CheckContext {
  lab: Lab;
  /**
   * Host URL for a service's container port, e.g. url('grafana', 3000, '/api/health'), with the
   * host port Docker really published (read once before the checks run). For a scaled service,
   * the first replica's.
   */
  url(service: string, port: number, path?: string): string;
  /** One URL per replica of a scaled service (as it ran when verify started), first replica first. */
  urls(service: string, port: number, path?: string): string[];
  /**
   * Runs `docker compose <args>` for this lab (its files and profiles) and returns stdout.
   * The check's timeout ends the compose process too.
   */
  compose(args: string[]): Promise<string>;
  /** Aborted when the check's timeout passes. */
  signal: AbortSignal;
  /** A progress line under the check's name (shown live, throttled; every line with LAB_VERBOSE=1). */
  progress(message: string): void;
}

export interface CheckType<P = unknown> {
  params: z.ZodType<P>;
  /** Throw to fail (the message is shown); return a short detail line to pass. */
  run(ctx: CheckContext, params: P): Promise<string | undefined>;
}

// Each type has its own parameter shape; the record holds them all.
// biome-ignore lint/suspicious/noExplicitAny: a record of checks with different parameter types
export type CheckTypes = Record<string, CheckType<any>>;

/** Identity helper that keeps `params` and `run` typed together. */
export function defineCheck<P>(check: CheckType<P>): CheckType<P> {
  return check;
}
