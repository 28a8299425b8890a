// The image list of the upstream check: every image `up` can pull, read without Docker.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readComposeFile } from '../src/compose-file.ts';
import { dockerfileBases, imageRepository, imageTag, labImages, pinProblems, selectionImages } from '../src/lab-images.ts';
import { loadLab, loadLabs } from '../src/labs.ts';
import { allSelections, composeFilesFor, declaredProfiles } from '../src/selection.ts';
import { LAB_YAML, makeLabs } from './fixtures.ts';

test('Dockerfile bases: every FROM, global ARG defaults filled in, no scratch, no earlier stage', () => {
  const dockerfile = [
    '# syntax=docker/dockerfile:1',
    'ARG PYTHON=3.12.11',
    'ARG DISTRO="bookworm"',
    'FROM --platform=$BUILDPLATFORM python:${PYTHON}-slim-${DISTRO} AS build',
    'RUN pip wheel -r requirements.txt',
    'from golang:1.24 as Tools',
    'FROM build AS test',
    'FROM tools',
    'FROM scratch AS empty',
    'FROM \\',
    '    gcr.io/distroless/python3-debian12:nonroot',
    'ARG LATE=ignored',
    'COPY --from=build /wheels /wheels',
  ].join('\n');
  assert.deepEqual(dockerfileBases(dockerfile), [
    'python:3.12.11-slim-bookworm',
    'golang:1.24',
    'gcr.io/distroless/python3-debian12:nonroot',
  ]);
});

test('a lab lists each image once per use, across variants, anchors, overrides, profiles and builds', () => {
  const labsDir = makeLabs();
  const dir = join(labsDir, 'demo');
  writeFileSync(
    join(dir, 'compose.yaml'),
    `x-db: &db
  image: postgres:17.5
services:
  web:
    image: nginx:1.27-alpine
    ports: ["127.0.0.1:18080:80"]
  db-primary:
    <<: *db
  db-replica:
    <<: *db
  app:
    build: ./app
    image: obslab/demo-app:1.0.0
  tool:
    build: { context: ./tool, dockerfile: Containerfile }
  load:
    image: \${LOAD_IMAGE:-grafana/k6:1.0.0}
    profiles: [traffic]
`,
  );
  writeFileSync(
    join(dir, 'compose.spicy.yaml'),
    'services:\n  web:\n    image: !override caddy:2.10\n  db-replica:\n    profiles: [off]\n',
  );
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM python:3.12.11-slim-bookworm\n');
  mkdirSync(join(dir, 'tool'));
  writeFileSync(join(dir, 'tool', 'Containerfile'), 'FROM alpine:3.22 AS base\nFROM base\n');

  const lab = loadLab(dir);
  assert.deepEqual(
    labImages(lab).map((u) => `${u.image} @ ${u.where}`),
    [
      'alpine:3.22 @ tool/Containerfile',
      'caddy:2.10 @ compose.spicy.yaml: web',
      'grafana/k6:1.0.0 @ compose.yaml: load',
      'nginx:1.27-alpine @ compose.yaml: web',
      'postgres:17.5 @ compose.yaml: db-primary',
      'postgres:17.5 @ compose.yaml: db-replica',
      'python:3.12.11-slim-bookworm @ app/Dockerfile',
    ],
  );
  assert.ok(labImages(lab).every((u) => u.lab === 'demo'));
  rmSync(labsDir, { recursive: true, force: true });
});

test('image names: repository and tag, with registries, ports and digests', () => {
  assert.equal(imageRepository('quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z'), 'quay.io/minio/minio');
  assert.equal(imageRepository('localhost:5000/app'), 'localhost:5000/app');
  assert.equal(imageRepository('nginx:1.30.4-alpine@sha256:abc'), 'nginx');
  assert.equal(imageTag('localhost:5000/app:2.0'), '2.0');
  assert.equal(imageTag('localhost:5000/app'), undefined);
});

test("lab.yaml's images: every image explained, no reason for a gone one, each source naming its version, held lines kept", () => {
  const labsDir = makeLabs();
  const dir = join(labsDir, 'demo');
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.30.4-alpine\n  k6:\n    image: grafana/k6:1.8.1\n');
  writeFileSync(join(dir, 'compose.spicy.yaml'), 'services:\n  web:\n    image: !override caddy:2.10\n');
  const reasons = (images: string) => writeFileSync(join(dir, 'lab.yaml'), `${LAB_YAML}images:\n${images}`);
  const why = 'why: { zh-TW: 理由, en: A reason }';

  reasons(`  nginx: { source: nginx tag release-1.30.4, ${why} }
  grafana/k6: { source: grafana/k6 tag v1.8.1, hold: /^1\\./, ${why} }
  caddy: { source: caddy tag v2.10.0, ${why} }
`);
  assert.deepEqual(pinProblems(loadLab(dir)), []);

  reasons(`  nginx: { source: nginx tag release-1.28.0, ${why} }
  grafana/k6: { source: grafana/k6 tag v1.8.1, hold: /^0\\./, ${why} }
  grafana/loki: { source: grafana/loki tag v3.7.6, ${why} }
`);
  assert.deepEqual(pinProblems(loadLab(dir)), [
    'demo/lab.yaml: images.nginx.source does not name 1.30.4, the version compose.yaml: web pins: say where it was found',
    'compose.yaml: k6 pins grafana/k6:1.8.1, outside the line demo/lab.yaml holds for grafana/k6 (/^0\\./)',
    'demo/lab.yaml: images has no entry for caddy, used by compose.spicy.yaml: web (caddy:2.10): say why it is pinned there and where that version was found',
    'demo/lab.yaml: images names grafana/loki, which no compose file or Dockerfile of the lab uses any more: remove the entry',
  ]);
  rmSync(labsDir, { recursive: true, force: true });
});

const labs = loadLabs();

for (const lab of labs) {
  test(`${lab.id}: the check covers every image Renovate tracks in the lab's compose files`, () => {
    const checked = new Set(labImages(lab).map((u) => u.image));
    const composeFiles = readdirSync(lab.dir).filter((f) => /^compose.*\.ya?ml$/.test(f));
    assert.ok(composeFiles.length > 0);
    for (const file of composeFiles) {
      for (const [name, svc] of Object.entries(readComposeFile(join(lab.dir, file)).services)) {
        if (typeof svc.image === 'string' && svc.build === undefined) {
          assert.ok(checked.has(svc.image), `${file}: ${name} uses ${svc.image}, which no variant of ${lab.id} lists`);
        }
      }
    }
  });
}

/** `docker compose config --format json` needs the Compose plugin, not an engine. */
const compose = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
const SKIP_COMPOSE = compose.status !== 0 && 'Docker Compose v2 not installed (docker compose version failed)';

for (const lab of labs) {
  test(`${lab.id}: each variant's images match what docker compose config resolves`, { skip: SKIP_COMPOSE }, () => {
    for (const selection of allSelections(lab)) {
      const args = composeFilesFor(lab, selection).flatMap((f) => ['-f', f]);
      for (const p of declaredProfiles(lab, selection)) args.push('--profile', p);
      const r = spawnSync('docker', ['compose', ...args, 'config', '--format', 'json'], {
        cwd: lab.dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
      });
      assert.equal(r.status, 0, r.stderr);
      const services = Object.values((JSON.parse(r.stdout) as { services: Record<string, { image?: string; build?: unknown }> }).services);
      const fromCompose = services.filter((s) => s.build === undefined && s.image).map((s) => s.image as string);
      const ours = selectionImages(lab, selection)
        .filter((u) => u.where.startsWith('compose'))
        .map((u) => u.image);
      assert.deepEqual(ours.sort(), fromCompose.sort(), JSON.stringify(selection.choices));
    }
  });
}
