// The upstream image check end to end. Public registries are out of reach in tests, so the
// client meets a real registry instead: distribution's own server (Debian package
// docker-registry), with token authentication as Docker Hub, GHCR and Quay use it. Only the
// token issuer is ours: a few lines that sign what the registry's token spec asks for.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, createSign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MEDIA_TYPES, parseImageRef, RegistryClient, RegistryUnreachable, resolveImage } from '../src/image-registry.ts';
import { makeLabs } from './fixtures.ts';

const CHECK = join(import.meta.dirname, '..', 'src', 'check-images.ts');

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}
const SKIP_REGISTRY =
  (!onPath('docker-registry') && 'docker-registry not installed (apt-get install docker-registry)') ||
  (!onPath('openssl') && 'openssl not installed (apt-get install openssl)');

/** A port in the tests' range (18000-19999) that nothing listens on right now. */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 18000 + Math.floor(Math.random() * 2000);
    const free = await new Promise<boolean>((resolve) => {
      const s = createNetServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

function runCheck(labsDir: string, summary = ''): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHECK], {
      env: { ...process.env, LAB_LABS_DIR: labsDir, GITHUB_STEP_SUMMARY: summary },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const labsDirs: string[] = [];

/** A fixture lab whose one service image, per entry, is the given image. */
function labWithImages(images: string[]): string {
  const labsDir = makeLabs();
  labsDirs.push(labsDir);
  const services = images.map((image, i) => `  ${i === 0 ? 'web' : `svc${i}`}:\n    image: ${image}\n`).join('');
  writeFileSync(join(labsDir, 'demo', 'compose.yaml'), `services:\n${services}`);
  return labsDir;
}

test('no network: one line per registry, no stack trace, exit 1; a bad name is reported, not thrown', async () => {
  const [a, b] = [await freePort(), await freePort()];
  const r = await runCheck(
    labWithImages([`127.0.0.1:${a}/team/one:1.0`, `127.0.0.1:${a}/team/two:2.0`, `localhost:${b}/team/three:3`, 'Bad/Name:1']),
  );
  assert.equal(r.code, 1, r.out);
  const lines = r.out.split('\n').filter((l) => l.startsWith('UNREACHABLE'));
  assert.equal(lines.length, 2, r.out);
  assert.match(
    r.out,
    new RegExp(`UNREACHABLE  127\\.0\\.0\\.1:${a}: cannot reach 127\\.0\\.0\\.1:${a} \\(.*ECONNREFUSED.*\\); 2 images not checked`),
  );
  assert.match(r.out, new RegExp(`UNREACHABLE  localhost:${b}: cannot reach localhost:${b} \\(.*\\); 1 image not checked`));
  assert.match(r.out, /is this machine online\?/);
  assert.match(r.out, /^ERROR\s+Bad\/Name:1\s+"Bad\/Name:1" is not a valid image name/m);
  assert.doesNotMatch(r.out, /^\s+at /m);
});

// The real registry, its token issuer, and what is pushed to it.
const SERVICE = 'obslab-test-registry';
const ISSUER = 'obslab-test-issuer';
let registry: ChildProcess | undefined;
let issuer: Server | undefined;
let reflector: Server | undefined;
let host = '';
/** A reflector in front of the registry, as docker.redpanda.com is in front of Docker Hub: it redirects every API call. */
let reflected = '';
const reflectorAuthHeaders: string[] = [];
let dir = '';
let key = '';
let certDer = '';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A token as distribution verifies it (registry/auth/token/token.go at v2.8.2): RS256, x5c chain, iss/aud/exp/access. */
function signToken(scope: string): string {
  const now = Math.floor(Date.now() / 1000);
  const access = scope
    .split(' ')
    .filter(Boolean)
    .map((s) => {
      const [type, name, actions] = s.split(':');
      return { type, name, actions: (actions ?? '').split(',') };
    });
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [certDer] }));
  const claims = b64url(
    JSON.stringify({ iss: ISSUER, sub: '', aud: SERVICE, exp: now + 300, nbf: now - 10, iat: now, jti: String(Math.random()), access }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
  return `${header}.${claims}.${b64url(signature)}`;
}

async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start`);
}

async function pushBlob(repo: string, token: string, content: Buffer): Promise<{ digest: string; size: number }> {
  const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
  const auth = { authorization: `Bearer ${token}` };
  const start = await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: auth });
  assert.equal(start.status, 202, await start.text());
  const url = new URL(start.headers.get('location') as string, `http://${host}`);
  url.searchParams.set('digest', digest);
  const put = await fetch(url, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: content });
  assert.equal(put.status, 201, await put.text());
  return { digest, size: content.length };
}

async function pushManifest(repo: string, token: string, reference: string, mediaType: string, body: object) {
  const content = Buffer.from(JSON.stringify(body));
  const r = await fetch(`http://${host}/v2/${repo}/manifests/${reference}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': mediaType },
    body: content,
  });
  assert.equal(r.status, 201, await r.text());
  return { mediaType, digest: `sha256:${createHash('sha256').update(content).digest('hex')}`, size: content.length };
}

/** One image for one platform, as an OCI or a Docker schema 2 manifest. */
async function pushImage(repo: string, token: string, platform: { os: string; architecture: string; variant?: string }, docker = false) {
  const config = await pushBlob(repo, token, Buffer.from(JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [] } })));
  const layer = await pushBlob(repo, token, Buffer.from(`layer for ${JSON.stringify(platform)}`));
  const manifest = docker
    ? {
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.dockerManifest,
        config: { mediaType: 'application/vnd.docker.container.image.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', ...layer }],
      }
    : {
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociManifest,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
      };
  return { manifest, type: docker ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest };
}

before(async () => {
  if (SKIP_REGISTRY) return;
  dir = mkdtempSync(join(tmpdir(), 'obslab-test-registry-'));
  const keyAndCert = ['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')];
  const ssl = spawnSync('openssl', [...'req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=obslab-test-issuer'.split(' '), ...keyAndCert]);
  assert.equal(ssl.status, 0, String(ssl.stderr));
  key = readFileSync(join(dir, 'key.pem'), 'utf8');
  certDer = new X509Certificate(readFileSync(join(dir, 'cert.pem'))).raw.toString('base64');

  const issuerPort = await freePort();
  issuer = createServer((req, res) => {
    const scope = new URL(req.url ?? '/', 'http://x').searchParams.get('scope') ?? '';
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ token: signToken(scope), expires_in: 300 }));
  }).listen(issuerPort, '127.0.0.1');

  const port = await freePort();
  host = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: ${join(dir, 'data')} } }
http: { addr: "${host}" }
auth:
  token: { realm: "http://127.0.0.1:${issuerPort}/token", service: ${SERVICE}, issuer: ${ISSUER}, rootcertbundle: ${join(dir, 'cert.pem')} }
`,
  );
  registry = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  await until(async () => (await fetch(`http://${host}/v2/`)).status === 401, 'docker-registry');

  const reflectorPort = await freePort();
  reflected = `127.0.0.1:${reflectorPort}`;
  reflector = createServer((req, res) => {
    if (req.headers.authorization) reflectorAuthHeaders.push(req.headers.authorization);
    if (req.url?.startsWith('/v2/broken/')) {
      res.setHeader('content-type', 'text/html');
      res.end('<html>Service Unavailable</html>');
      return;
    }
    res.writeHead(307, { location: `http://${host}${req.url}` }).end();
  }).listen(reflectorPort, '127.0.0.1');

  const token = (repo: string) => signToken(`repository:${repo}:pull,push`);
  // obslab-test/multi:1.0: an OCI index for amd64 and arm64/v8, plus an attestation manifest.
  const t = token('obslab-test/multi');
  const amd = await pushImage('obslab-test/multi', t, { os: 'linux', architecture: 'amd64' });
  const arm = await pushImage('obslab-test/multi', t, { os: 'linux', architecture: 'arm64', variant: 'v8' });
  const att = await pushImage('obslab-test/multi', t, { os: 'unknown', architecture: 'unknown' });
  const entries = [];
  for (const [tag, img, platform] of [
    ['amd64', amd, { os: 'linux', architecture: 'amd64' }],
    ['arm64', arm, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ['attestation', att, { os: 'unknown', architecture: 'unknown' }],
  ] as const) {
    entries.push({ ...(await pushManifest('obslab-test/multi', t, tag, img.type, img.manifest)), platform });
  }
  await pushManifest('obslab-test/multi', t, '1.0', MEDIA_TYPES.ociIndex, {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: entries,
  });

  // obslab-test/list:2.0: a Docker manifest list for amd64 and ppc64le (no arm64).
  const l = token('obslab-test/list');
  const listEntries = [];
  for (const platform of [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'ppc64le' },
  ]) {
    const img = await pushImage('obslab-test/list', l, platform, true);
    listEntries.push({ ...(await pushManifest('obslab-test/list', l, platform.architecture, img.type, img.manifest)), platform });
  }
  await pushManifest('obslab-test/list', l, '2.0', MEDIA_TYPES.dockerList, {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.dockerList,
    manifests: listEntries,
  });

  // obslab-test/single:3.0 (Docker schema 2, amd64 only) and obslab-test/armonly:4.0 (OCI, arm64 only).
  const s = token('obslab-test/single');
  const single = await pushImage('obslab-test/single', s, { os: 'linux', architecture: 'amd64' }, true);
  await pushManifest('obslab-test/single', s, '3.0', single.type, single.manifest);
  const a = token('obslab-test/armonly');
  const armOnly = await pushImage('obslab-test/armonly', a, { os: 'linux', architecture: 'arm64' });
  await pushManifest('obslab-test/armonly', a, '4.0', armOnly.type, armOnly.manifest);
});

after(() => {
  registry?.kill();
  issuer?.close();
  reflector?.close();
  for (const d of [dir, ...labsDirs]) if (d) rmSync(d, { recursive: true, force: true });
});

test('against a real registry with token auth: OK, NO ARM64, NO AMD64, MISSING', { skip: SKIP_REGISTRY }, async () => {
  const client = new RegistryClient(`http://${host}`);
  const resolve = async (name: string) => {
    const r = await resolveImage(parseImageRef(`${host}/${name}`), client);
    return `${r.status}: ${r.detail}`;
  };
  assert.equal(await resolve('obslab-test/multi:1.0'), 'OK: linux/amd64, linux/arm64/v8');
  assert.equal(await resolve('obslab-test/list:2.0'), 'NO ARM64: linux/amd64, linux/ppc64le');
  assert.equal(await resolve('obslab-test/single:3.0'), 'NO ARM64: single platform: linux/amd64');
  assert.equal(await resolve('obslab-test/armonly:4.0'), 'NO AMD64: single platform: linux/arm64');
  assert.match(await resolve('obslab-test/multi:9.9'), /^MISSING: not in 127\.0\.0\.1:\d+ \(MANIFEST_UNKNOWN\)$/);
  assert.match(await resolve('obslab-test/gone:1.0'), /^MISSING: not in 127\.0\.0\.1:\d+ \((MANIFEST|NAME)_UNKNOWN\)$/);
  assert.match(await resolve(`obslab-test/multi@sha256:${'0'.repeat(64)}`), /^MISSING: /);
});

test('through a reflector that redirects: the token goes only to the registry that asked for it', { skip: SKIP_REGISTRY }, async () => {
  const client = new RegistryClient(`http://${reflected}`);
  const resolve = async (name: string) => (await resolveImage(parseImageRef(`${reflected}/${name}`), client)).status;
  assert.equal(await resolve('obslab-test/multi:1.0'), 'OK');
  assert.equal(await resolve('obslab-test/single:3.0'), 'NO ARM64');
  assert.equal(await resolve('obslab-test/multi:9.9'), 'MISSING');
  assert.deepEqual(reflectorAuthHeaders, []);
});

test('without a token the registry refuses: the client really goes through the challenge', { skip: SKIP_REGISTRY }, async () => {
  const r = await fetch(`http://${host}/v2/obslab-test/multi/manifests/1.0`);
  assert.equal(r.status, 401);
  assert.match(
    r.headers.get('www-authenticate') ?? '',
    /^Bearer realm=".*",service="obslab-test-registry",scope="repository:obslab-test\/multi:pull"/,
  );
});

test('a registry nobody answers for is unreachable, not an image problem', async () => {
  const port = await freePort();
  const client = new RegistryClient(`http://127.0.0.1:${port}`, 2000);
  await assert.rejects(resolveImage(parseImageRef(`127.0.0.1:${port}/a/b:1`), client), RegistryUnreachable);
});

test('the check names each image with its status and fails on any problem', { skip: SKIP_REGISTRY }, async () => {
  const labsDir = labWithImages([
    `${host}/obslab-test/multi:1.0`,
    `${host}/obslab-test/single:3.0`,
    `${host}/obslab-test/multi:9.9`,
    `${reflected}/broken/html:1`,
  ]);
  const bad = await runCheck(labsDir);
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.out, new RegExp(`^ERROR\\s+${reflected}/broken/html:1\\s+${reflected}: .*JSON`, 'm'));
  assert.doesNotMatch(bad.out, /^\s+at /m);
  assert.match(bad.out, new RegExp(`^OK\\s+${host}/obslab-test/multi:1\\.0\\s+linux/amd64, linux/arm64/v8$`, 'm'));
  assert.match(bad.out, new RegExp(`^NO ARM64\\s+${host}/obslab-test/single:3\\.0\\s+single platform: linux/amd64$`, 'm'));
  assert.match(bad.out, new RegExp(`^MISSING\\s+${host}/obslab-test/multi:9\\.9\\s+not in`, 'm'));
  assert.match(bad.out, /used by demo compose\.yaml: web/);
  assert.match(bad.out, /3 problem\(s\)/);

  const summary = join(dir, 'summary.md');
  const good = await runCheck(labWithImages([`${host}/obslab-test/multi:1.0`]), summary);
  assert.equal(good.code, 0, good.out);
  assert.match(good.out, /1 of 1 images answered; 0 problem\(s\)\./);
  // In GitHub Actions the same table lands in the job summary.
  assert.match(
    readFileSync(summary, 'utf8'),
    new RegExp(`^\\| OK \\| \`${host}/obslab-test/multi:1\\.0\` \\| linux/amd64, linux/arm64/v8 \\| demo compose\\.yaml: web \\|$`, 'm'),
  );
});
