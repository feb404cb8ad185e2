import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseConfig } from '@lanewatch/config';
import { parse } from 'yaml';

// docker/compose.yml is checked with the real `docker compose config` when the CLI plugin is
// installed, and otherwise by parsing the file ourselves, so a machine without Docker still catches
// a broken deployment file instead of passing vacuously. LANEWATCH_COMPOSE_CHECK=cli makes a missing
// CLI an error (for CI machines that are meant to have it); =yaml forces the fallback.

const REPO_ROOT = resolve(__dirname, '..');
const COMPOSE_FILE = join(REPO_ROOT, 'docker', 'compose.yml');
const EXPECTED_SERVICES = ['api', 'postgres', 'redis', 'web', 'worker'];
const PLACEHOLDERS: Record<string, string> = {
  POSTGRES_PASSWORD: 'placeholder-postgres-password',
  LANEWATCH_ADMIN_TOKEN: 'placeholder-admin-token-0000',
  LANEWATCH_SECRET_KEY: 'placeholder-secret-key-000000000000000',
};
// Variables a user may have exported that would change what the file resolves to.
const OVERRIDABLE = ['POSTGRES_USER', 'POSTGRES_DB', 'LOG_LEVEL', 'LANEWATCH_HTTP_PORT', 'COMPOSE_PROJECT_NAME', 'ALERT_ALLOW_PRIVATE_TARGETS', 'API_REPLICAS', 'WORKER_REPLICAS'];

type Environment = Record<string, string | undefined>;

type Service = {
  image: string | null;
  build: { context: string; dockerfile: string } | null;
  command: string[];
  environment: Record<string, string>;
  dependsOn: Record<string, string>;
  healthcheckTest: string[];
  volumeTargets: string[];
  publishedPorts: string[];
  /** deploy.replicas as a number; null when the file sets none (compose then runs one). */
  replicas: number | null;
  containerName: string | null;
};

type LoadResult = { ok: true; services: Record<string, Service> } | { ok: false; error: string };

type Checker = { description: string; load: (environment: Environment) => LoadResult };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return Array.isArray(value) ? value.map(String) : [];
}

function checkEnvironment(overrides: Environment = {}): Environment {
  const environment: Environment = { ...process.env, ...PLACEHOLDERS };
  for (const name of OVERRIDABLE) delete environment[name];
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete environment[name];
    else environment[name] = value;
  }
  return environment;
}

function normaliseBuild(build: unknown): Service['build'] {
  const composeDir = dirname(COMPOSE_FILE);
  if (typeof build === 'string') return { context: resolve(composeDir, build), dockerfile: 'Dockerfile' };
  if (!isRecord(build)) return null;
  return { context: resolve(composeDir, String(build.context)), dockerfile: String(build.dockerfile ?? 'Dockerfile') };
}

function normaliseEnvironment(environment: unknown): Record<string, string> {
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => String(entry).split(/=(.*)/s).slice(0, 2)));
  }
  if (!isRecord(environment)) return {};
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
}

function normaliseDependsOn(dependsOn: unknown): Record<string, string> {
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [String(name), 'service_started']));
  if (!isRecord(dependsOn)) return {};
  return Object.fromEntries(
    Object.entries(dependsOn).map(([name, rule]) => [name, isRecord(rule) ? String(rule.condition) : 'service_started']),
  );
}

// Long syntax ({source, target} / {published, target}) and short syntax ("a:b") become "a:b".
function normalisePairs(items: unknown, first: string, second: string): string[] {
  return (Array.isArray(items) ? items : []).map((item) =>
    isRecord(item) ? `${String(item[first])}:${String(item[second])}` : String(item).split(':').slice(0, 2).join(':'),
  );
}

// The CLI and a hand-written file spell the same thing differently (lists or maps, short or long
// syntax); both are brought to one shape so that one set of assertions covers both paths.
function normaliseService(raw: unknown): Service {
  const service = isRecord(raw) ? raw : {};
  return {
    image: typeof service.image === 'string' ? service.image : null,
    build: normaliseBuild(service.build),
    command: asStrings(service.command),
    environment: normaliseEnvironment(service.environment),
    dependsOn: normaliseDependsOn(service.depends_on),
    healthcheckTest: isRecord(service.healthcheck) ? asStrings(service.healthcheck.test) : [],
    volumeTargets: normalisePairs(service.volumes, 'source', 'target'),
    publishedPorts: normalisePairs(service.ports, 'published', 'target'),
    // The CLI prints a number; our interpolation leaves the string the variable gave.
    replicas: isRecord(service.deploy) && service.deploy.replicas !== undefined ? Number(service.deploy.replicas) : null,
    containerName: typeof service.container_name === 'string' ? service.container_name : null,
  };
}

function normaliseProject(raw: unknown): Record<string, Service> {
  const services = isRecord(raw) && isRecord(raw.services) ? raw.services : {};
  return Object.fromEntries(Object.entries(services).map(([name, service]) => [name, normaliseService(service)]));
}

function runCompose(args: string[], environment: Environment): SpawnSyncReturns<string> {
  return spawnSync('docker', ['compose', '-f', COMPOSE_FILE, ...args], {
    cwd: REPO_ROOT,
    env: environment,
    encoding: 'utf8',
  });
}

function failure(step: string, result: SpawnSyncReturns<string>): LoadResult {
  return { ok: false, error: `${step} exited ${result.status}: ${result.stderr.trim()}` };
}

const cliChecker = (version: string): Checker => ({
  description: `docker compose CLI (${version}): config --quiet, then config --format json`,
  load(environment) {
    const quiet = runCompose(['config', '--quiet'], environment);
    if (quiet.status !== 0) return failure('config --quiet', quiet);
    const json = runCompose(['config', '--format', 'json'], environment);
    if (json.status !== 0) return failure('config --format json', json);
    return { ok: true, services: normaliseProject(JSON.parse(json.stdout)) };
  },
});

// Compose's interpolation rules for the forms it documents: $$, $VAR, ${VAR}, ${VAR:-default},
// ${VAR-default}, ${VAR:?message}, ${VAR?message}.
function interpolate(text: string, environment: Environment): string {
  const pattern = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  type Group = string | undefined;
  return text.replace(pattern, (_match, dollar: Group, braced: Group, operator: Group, argument: Group, bare: Group) => {
    if (dollar) return '$';
    const name = (braced ?? bare) as string;
    const value = environment[name];
    const missing = operator?.startsWith(':') ? value === undefined || value === '' : value === undefined;
    if (!operator || !missing) return value ?? '';
    if (operator.endsWith('-')) return argument ?? '';
    throw new Error(`required variable ${name} is missing a value: ${argument ?? ''}`);
  });
}

function interpolateTree(value: unknown, environment: Environment): unknown {
  if (typeof value === 'string') return interpolate(value, environment);
  if (Array.isArray(value)) return value.map((item) => interpolateTree(item, environment));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateTree(item, environment)]));
  }
  return value;
}

const yamlChecker = (reason: string): Checker => ({
  description: `yaml fallback parser (${reason})`,
  load(environment) {
    try {
      // merge: the file shares the app environment through a YAML anchor and `<<:`.
      const document: unknown = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true });
      return { ok: true, services: normaliseProject(interpolateTree(document, environment)) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  },
});

function chooseChecker(): Checker {
  const requested = process.env.LANEWATCH_COMPOSE_CHECK ?? 'auto';
  if (requested === 'yaml') return yamlChecker('forced by LANEWATCH_COMPOSE_CHECK=yaml');
  const probe = spawnSync('docker', ['compose', 'version', '--short'], { encoding: 'utf8' });
  if (probe.status === 0) return cliChecker(probe.stdout.trim());
  const why = probe.error
    ? `docker not found: ${probe.error.message}`
    : `\`docker compose version\` failed: ${probe.stderr.trim()}`;
  if (requested === 'cli') {
    throw new Error(`LANEWATCH_COMPOSE_CHECK=cli but the docker compose CLI is unavailable (${why})`);
  }
  return yamlChecker(`the docker compose CLI is not available here; ${why}`);
}

describe('docker/compose.yml', () => {
  const checker = chooseChecker();
  let services: Record<string, Service> = {};

  beforeAll(() => {
    console.log(`[docker-compose.int-spec] checking docker/compose.yml with the ${checker.description}`);
    const result = checker.load(checkEnvironment());
    if (!result.ok) throw new Error(`docker/compose.yml did not load: ${result.error}`);
    services = result.services;
  });

  it('defines exactly the five services of a deployment', () => {
    expect(Object.keys(services).sort()).toEqual(EXPECTED_SERVICES);
  });

  it('runs Redis 7 with append-only persistence on a volume', () => {
    const redis = services.redis;
    expect(redis.image).toMatch(/^redis:7(\b|$)/);
    const flag = redis.command.indexOf('--appendonly');
    expect(flag).toBeGreaterThan(-1);
    expect(redis.command[flag + 1]).toBe('yes');
    expect(redis.volumeTargets).toContainEqual(expect.stringMatching(/:\/data$/));
    expect(redis.healthcheckTest.length).toBeGreaterThan(0);
  });

  it('runs PostgreSQL 16 with a data volume and a health check', () => {
    const postgres = services.postgres;
    expect(postgres.image).toMatch(/^postgres:16(\b|$)/);
    expect(postgres.volumeTargets).toContainEqual(expect.stringMatching(/:\/var\/lib\/postgresql\/data$/));
    expect(postgres.healthcheckTest.join(' ')).toContain('pg_isready');
  });

  it.each(['api', 'worker'])('gives %s the validated configuration and waits for healthy data stores', (name) => {
    const service = services[name];
    expect(service.environment).toMatchObject({
      DATABASE_URL: expect.stringContaining(`:${PLACEHOLDERS.POSTGRES_PASSWORD}@postgres:5432/`),
      REDIS_URL: 'redis://redis:6379',
      LANEWATCH_ADMIN_TOKEN: PLACEHOLDERS.LANEWATCH_ADMIN_TOKEN,
      LANEWATCH_SECRET_KEY: PLACEHOLDERS.LANEWATCH_SECRET_KEY,
      PORT: '3000',
      LOG_LEVEL: 'info',
    });
    expect(service.dependsOn).toMatchObject({ postgres: 'service_healthy', redis: 'service_healthy' });
  });

  it('has the API count sign-ins per client address from nginx (one trusted hop) and keeps alert targets public', () => {
    expect(services.api.environment).toMatchObject({ TRUST_PROXY: '1', ALERT_ALLOW_PRIVATE_TARGETS: 'false' });
    expect(services.worker.environment).toMatchObject({ ALERT_ALLOW_PRIVATE_TARGETS: 'false' });
    expect(readFileSync(join(REPO_ROOT, 'docker', 'nginx.conf'), 'utf8')).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    for (const name of ['api', 'worker']) expect(parseConfig(services[name].environment)).toMatchObject({ port: 3000 });
    expect(parseConfig(services.api.environment).trustProxy).toBe(1);
  });

  it('starts the worker only after the API (which runs the migrations) is healthy', () => {
    expect(services.worker.dependsOn.api).toBe('service_healthy');
    expect(services.api.healthcheckTest.join(' ')).toContain('/api/v1/health');
  });

  it('builds api, worker and web from the repository root with Dockerfiles that exist', () => {
    for (const name of ['api', 'worker', 'web']) {
      const build = services[name].build;
      expect(build).toEqual({ context: REPO_ROOT, dockerfile: `docker/${name}.Dockerfile` });
      expect(existsSync(join(REPO_ROOT, 'docker', `${name}.Dockerfile`))).toBe(true);
    }
  });

  it('runs two API and two worker replicas by default, API_REPLICAS and WORKER_REPLICAS changing them', () => {
    expect(services.api.replicas).toBe(2);
    expect(services.worker.replicas).toBe(2);
    const scaled = checker.load(checkEnvironment({ API_REPLICAS: '3', WORKER_REPLICAS: '5' }));
    if (!scaled.ok) throw new Error(scaled.error);
    expect([scaled.services.api.replicas, scaled.services.worker.replicas]).toEqual([3, 5]);
  });

  it('lets replicas coexist: no fixed container name or published port on api and worker, nginx resolving every API replica', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].containerName).toBeNull();
      expect(services[name].publishedPorts).toEqual([]);
    }
    const nginx = readFileSync(join(REPO_ROOT, 'docker', 'nginx.conf'), 'utf8');
    // Resolved per request through Docker's DNS (all replicas' addresses), not once at start-up (one address).
    expect(nginx).toMatch(/^\s*resolver 127\.0\.0\.11\b/m);
    const upstream = /^\s*set (\$\w+) http:\/\/api:3000;/m.exec(nginx);
    expect(upstream).not.toBeNull();
    expect(nginx).toContain(`proxy_pass ${upstream?.[1]};`);
    expect(nginx).toMatch(/^\s*proxy_next_upstream error timeout;/m);
  });

  it('publishes the web service on port 8080', () => {
    expect(services.web.publishedPorts).toContain('8080:8080');
  });

  it.each(Object.keys(PLACEHOLDERS))('refuses to resolve without %s', (name) => {
    const result = checker.load(checkEnvironment({ [name]: undefined }));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(name);
  });
});
