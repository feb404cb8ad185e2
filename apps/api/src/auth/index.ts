// What other features use of auth: who is calling (principal, access decorators) and the ownership checks.
// The guard and the route-access check are wired by app.module and main.ts, not by features.
export * from './access.util';
export * from './ownership';
export * from './principal';
