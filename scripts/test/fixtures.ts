// A small, valid lab written to a temp folder, for tests that need one.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../src/temp-dir.ts';

export const LAB_YAML = `id: demo
title: { zh-TW: 示範, en: Demo }
summary: { zh-TW: 測試用的實驗, en: A lab for tests }
services:
  web: { zh-TW: 網頁, en: Web server }
urls:
  - name: Web
    service: web
    port: 80
    login: { user: "\${WEB_USER:-admin}", password: "\${WEB_PASSWORD:-secret}" }
    description: { zh-TW: 首頁, en: Home page }
options:
  - name: flavour
    description: Which flavour runs
    default: plain
    choices:
      plain: { description: { zh-TW: 原味, en: Plain } }
      spicy: { files: [compose.spicy.yaml], description: { zh-TW: 辣味, en: Spicy } }
checks:
  - id: web-up
    title: { zh-TW: 網頁有回應, en: Web answers }
    type: http
    timeout: 3
    with: { service: web, port: 80, path: /health, contains: ok }
  - id: slow-exercise
    title: { zh-TW: 很慢的練習, en: A slow exercise }
    type: http
    optIn: true
    with: { service: web, port: 80 }
`;

export function composeYaml(port: number): string {
  return `services:
  web:
    image: nginx:1.27-alpine
    ports: ["127.0.0.1:${port}:80"]
    healthcheck: { test: ["CMD", "true"] }
`;
}

/** Writes labs/demo under a new temp folder; returns the labs folder. */
export function makeLabs(port = 18080, labYaml = LAB_YAML): string {
  const labs = tempDir('obslab-test-labs-');
  const dir = join(labs, 'demo');
  mkdirSync(dir);
  writeFileSync(join(dir, 'lab.yaml'), labYaml);
  writeFileSync(join(dir, 'compose.yaml'), composeYaml(port));
  writeFileSync(join(dir, 'compose.spicy.yaml'), 'services:\n  web:\n    environment: { SPICE: "1" }\n');
  return labs;
}

/** A folder holding a stand-in `docker` script, to put first on PATH; it logs each call to calls.log there. */
export function fakeDocker(script: string): string {
  const bin = tempDir('obslab-test-bin-');
  writeFileSync(join(bin, 'docker'), `#!/bin/sh\necho "$*" >> "${join(bin, 'calls.log')}"\n${script}\n`);
  chmodSync(join(bin, 'docker'), 0o755);
  return bin;
}
