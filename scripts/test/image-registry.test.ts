// The pure parts of the registry client: image names with Docker's defaults, the
// WWW-Authenticate challenge, and the platforms of an index. Fixtures follow the specs cited in
// src/image-registry.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexPlatforms, parseChallenges, parseImageRef, platformStatus, tokenUrl } from '../src/image-registry.ts';

test('image names get Docker Hub defaults: docker.io, library/ for official images, tag latest', () => {
  const cases: [string, string, string, string, string][] = [
    // name, registry, API origin, repository, reference
    ['nginx:1.28.0-alpine', 'docker.io', 'https://registry-1.docker.io', 'library/nginx', '1.28.0-alpine'],
    ['grafana/loki:3.7.6', 'docker.io', 'https://registry-1.docker.io', 'grafana/loki', '3.7.6'],
    ['docker.io/grafana/loki:3.7.6', 'docker.io', 'https://registry-1.docker.io', 'grafana/loki', '3.7.6'],
    ['index.docker.io/library/python:3.12', 'docker.io', 'https://registry-1.docker.io', 'library/python', '3.12'],
    ['busybox', 'docker.io', 'https://registry-1.docker.io', 'library/busybox', 'latest'],
    ['quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z', 'quay.io', 'https://quay.io', 'minio/minio', 'RELEASE.2025-09-07T16-13-09Z'],
    ['ghcr.io/grafana/xk6-client-tracing:v0.0.10', 'ghcr.io', 'https://ghcr.io', 'grafana/xk6-client-tracing', 'v0.0.10'],
    [
      'docker.redpanda.com/redpandadata/console:v3.0.0',
      'docker.redpanda.com',
      'https://docker.redpanda.com',
      'redpandadata/console',
      'v3.0.0',
    ],
    ['localhost:5000/team/app:1', 'localhost:5000', 'http://localhost:5000', 'team/app', '1'],
    ['127.0.0.1:18500/a/b:2', '127.0.0.1:18500', 'http://127.0.0.1:18500', 'a/b', '2'],
    ['localhost/app:1', 'localhost', 'http://localhost', 'app', '1'],
    ['registry.example.com:8443/a/b/c:1.0', 'registry.example.com:8443', 'https://registry.example.com:8443', 'a/b/c', '1.0'],
  ];
  for (const [name, registry, origin, repository, reference] of cases) {
    assert.deepEqual(parseImageRef(name), { name, registry, origin, repository, reference }, name);
  }
});

test('a digest wins over a tag: the registry is asked for exactly that manifest', () => {
  const digest = `sha256:${'ab'.repeat(32)}`;
  assert.equal(parseImageRef(`nginx:1.28@${digest}`).reference, digest);
  assert.equal(parseImageRef(`grafana/loki@${digest}`).repository, 'grafana/loki');
});

test('names Docker would refuse are errors that quote the name', () => {
  for (const bad of ['Nginx:1', 'grafana/loki:', 'grafana/loki:-x', 'a//b:1', '', 'nginx@sha256:', 'quay.io/:1']) {
    assert.throws(
      () => parseImageRef(bad),
      (err: Error) => err.message.includes(`"${bad}"`),
      bad,
    );
  }
});

test('a Bearer challenge gives realm, service and scope (distribution docs/spec/auth/token.md)', () => {
  const header = 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"';
  assert.deepEqual(parseChallenges(header), [
    {
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' },
    },
  ]);
});

test('challenge parsing follows RFC 7235: case, spacing, tokens, escapes, several challenges', () => {
  assert.deepEqual(parseChallenges('BEARER Realm = "https://ghcr.io/token" , Service=ghcr.io,error="insufficient_scope"'), [
    { scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', error: 'insufficient_scope' } },
  ]);
  assert.deepEqual(parseChallenges('Basic realm="Registry \\"main\\"", Bearer realm="https://quay.io/v2/auth",service="quay.io"'), [
    { scheme: 'basic', params: { realm: 'Registry "main"' } },
    { scheme: 'bearer', params: { realm: 'https://quay.io/v2/auth', service: 'quay.io' } },
  ]);
  assert.deepEqual(parseChallenges(''), []);
});

test('the token URL carries the challenge service and scope, or asks for pull on the repository', () => {
  const [docker] = parseChallenges(
    'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
  );
  assert.equal(
    tokenUrl(docker!, 'library/nginx'),
    'https://auth.docker.io/token?service=registry.docker.io&scope=repository%3Alibrary%2Fnginx%3Apull',
  );
  const [noScope] = parseChallenges('Bearer realm="https://example.com/token?x=1",service="example"');
  assert.equal(tokenUrl(noScope!, 'team/app'), 'https://example.com/token?x=1&service=example&scope=repository%3Ateam%2Fapp%3Apull');
  const [noRealm] = parseChallenges('Bearer service="x"');
  assert.throws(() => tokenUrl(noRealm!, 'a/b'), /no realm/);
});

// An OCI index as BuildKit pushes it: two images and their attestation manifests (os "unknown").
const ociIndex = {
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${'1'.repeat(64)}`,
      size: 1,
      platform: { architecture: 'amd64', os: 'linux' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${'2'.repeat(64)}`,
      size: 1,
      platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${'3'.repeat(64)}`,
      size: 1,
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': `sha256:${'1'.repeat(64)}` },
      platform: { architecture: 'unknown', os: 'unknown' },
    },
  ],
};

// Docker's manifest list example (docs/spec/manifest-v2-2.md): ppc64le and amd64, no arm64.
const dockerList = {
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
  manifests: [
    {
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      size: 7143,
      digest: `sha256:${'e'.repeat(64)}`,
      platform: { architecture: 'ppc64le', os: 'linux' },
    },
    {
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      size: 7682,
      digest: `sha256:${'5'.repeat(64)}`,
      platform: { architecture: 'amd64', os: 'linux', features: ['sse4'] },
    },
  ],
};

test('platforms come from the index entries, without attestation manifests', () => {
  assert.deepEqual(indexPlatforms(ociIndex), ['linux/amd64', 'linux/arm64/v8']);
  assert.deepEqual(indexPlatforms(dockerList), ['linux/ppc64le', 'linux/amd64']);
  assert.deepEqual(indexPlatforms({ manifests: [{ digest: 'sha256:x' }] }), []);
});

test('an image is OK only when linux/amd64 and linux/arm64 (any variant) are both published', () => {
  assert.equal(platformStatus(indexPlatforms(ociIndex)), 'OK');
  assert.equal(platformStatus(['linux/arm64', 'linux/amd64']), 'OK');
  assert.equal(platformStatus(indexPlatforms(dockerList)), 'NO ARM64');
  assert.equal(platformStatus(['linux/amd64']), 'NO ARM64');
  assert.equal(platformStatus(['linux/arm64/v8', 'linux/arm/v7']), 'NO AMD64');
  assert.equal(platformStatus(['windows/amd64', 'windows/arm64']), 'NO ARM64');
  assert.equal(platformStatus(['linux/arm64e']), 'NO ARM64');
  assert.equal(platformStatus([]), 'NO ARM64');
});
