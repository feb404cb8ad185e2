import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_KEY } from './principal';
import { routeAccessOf, routesWithoutAccess } from './route-access.util';

/** Stops the API before it listens when any controller route declares no access (guarded by default). */
export function assertEveryRouteDeclaresAccess(app: INestApplication): void {
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.metatype as abstract new (...args: never[]) => unknown),
  );
  const missing = routesWithoutAccess(routeAccessOf(controllers, ACCESS_KEY));
  if (missing.length > 0) {
    throw new Error(`every route must declare its access with @RequireAccess; these do not: ${missing.join(', ')}`);
  }
}
