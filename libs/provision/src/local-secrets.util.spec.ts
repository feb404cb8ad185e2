import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureLocalSecrets, ensureStoredSecret } from './local-secrets.util';

describe('ensureLocalSecrets', () => {
  let dir: string;
  let file: string;
  let counter: number;
  const generate = (bytes: number): string => `generated-${bytes}-${++counter}`;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lw-secrets-'));
    file = path.join(dir, 'nested', 'secrets.json');
    counter = 0;
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates both secrets on first run and persists them with mode 600', async () => {
    const secrets = await ensureLocalSecrets({ file, generate });

    expect(secrets).toMatchObject({
      adminToken: 'generated-24-1',
      secretKey: 'generated-32-2',
      adminTokenSource: 'generated',
      secretKeySource: 'generated',
      file,
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ adminToken: 'generated-24-1', secretKey: 'generated-32-2' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reuses the persisted secrets on the next run', async () => {
    const first = await ensureLocalSecrets({ file, generate });
    const second = await ensureLocalSecrets({ file, generate });

    expect(second.adminToken).toBe(first.adminToken);
    expect(second.secretKey).toBe(first.secretKey);
    expect(second.adminTokenSource).toBe('file');
    expect(counter).toBe(2);
  });

  it('takes both values from the environment without touching the file', async () => {
    const secrets = await ensureLocalSecrets({ file, adminToken: 'from-env-token', secretKey: 'from-env-key', generate });

    expect(secrets).toMatchObject({ adminToken: 'from-env-token', secretKey: 'from-env-key', file: undefined });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('mixes an env admin token with a generated key, and does not persist the env value', async () => {
    const secrets = await ensureLocalSecrets({ file, adminToken: 'from-env-token', generate });

    expect(secrets.adminToken).toBe('from-env-token');
    expect(secrets.secretKeySource).toBe('generated');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    expect(stored.adminToken).not.toBe('from-env-token');
    expect(stored.secretKey).toBe(secrets.secretKey);
  });

  it('treats an empty env value as unset', async () => {
    const secrets = await ensureLocalSecrets({ file, adminToken: '  ', secretKey: '', generate });

    expect(secrets.adminTokenSource).toBe('generated');
    expect(secrets.secretKeySource).toBe('generated');
  });

  it('fills in a value missing from an existing file and keeps the other', async () => {
    await ensureLocalSecrets({ file, generate });
    await writeFile(file, JSON.stringify({ adminToken: 'kept-admin-token-value' }));

    const secrets = await ensureLocalSecrets({ file, generate });

    expect(secrets.adminToken).toBe('kept-admin-token-value');
    expect(secrets.secretKeySource).toBe('generated');
    expect(JSON.parse(await readFile(file, 'utf8')).adminToken).toBe('kept-admin-token-value');
  });

  it('tightens a world-readable secrets file to 600', async () => {
    await ensureLocalSecrets({ file, generate });
    await chmod(file, 0o644);

    await ensureLocalSecrets({ file, generate });

    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('names the file when it is not JSON', async () => {
    await ensureLocalSecrets({ file, generate });
    await writeFile(file, '{oops');

    await expect(ensureLocalSecrets({ file, generate })).rejects.toThrow(`${file} is not valid JSON`);
  });
});

describe('ensureStoredSecret', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lw-secrets-'));
    file = path.join(dir, 'secrets.json');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds a generated value beside the existing secrets and keeps it for the next run', async () => {
    await ensureLocalSecrets({ file, generate: (bytes) => `generated-${bytes}` });

    const first = await ensureStoredSecret({ file, name: 'demoAdminPassword', generate: () => 'first-password' });
    const second = await ensureStoredSecret({ file, name: 'demoAdminPassword', generate: () => 'second-password' });

    expect(first).toEqual({ value: 'first-password', source: 'generated' });
    expect(second).toEqual({ value: 'first-password', source: 'file' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ adminToken: 'generated-24', secretKey: 'generated-32', demoAdminPassword: 'first-password' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('survives ensureLocalSecrets filling in a missing value', async () => {
    await writeFile(file, JSON.stringify({ adminToken: 'kept-admin-token-value', demoAdminPassword: 'kept-password' }));

    await ensureLocalSecrets({ file, generate: (bytes) => `generated-${bytes}` });

    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ adminToken: 'kept-admin-token-value', secretKey: 'generated-32', demoAdminPassword: 'kept-password' });
  });
});
