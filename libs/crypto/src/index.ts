// Node-only hashing and signing (node:crypto), kept out of libs/domain so the domain stays browser-safe.
export * from './event-identity';
export * from './webhook-signature';
export * from './secrets';
export * from './passwords';
