export { installWithApt } from './apt-install.util';
export { ensureDatabase } from './ensure-database.util';
export { ensureLocalSecrets, ensureStoredSecret, type LocalSecrets, type ResolvedSecrets, type SecretSource } from './local-secrets.util';
export { provisionServices, type ProvisionOptions, type ProvisionedServices } from './provision-services';
export { isPostgresReachable, isRedisReachable, probePostgres, probeRedis, type ProbeResult } from './reachability.util';
export { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, databaseNameOf, redactUrl, withDatabaseName } from './service-url.util';
