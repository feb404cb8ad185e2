// Guarded by default: every route says who may call it. Pure (reflect-metadata only, no Nest import)
// so the unit project tests the check itself; main.ts runs it over every controller before listening.

/** Nest's own metadata keys (@nestjs/common/constants PATH_METADATA, METHOD_METADATA). */
const PATH_KEY = 'path';
const METHOD_KEY = 'method';
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

export interface RouteAccess {
  controller: string;
  handler: string;
  method: string;
  access: string | undefined;
}

/** Every route handler of the controllers with the access it declares (on itself or its class). */
export function routeAccessOf(controllers: readonly (abstract new (...args: never[]) => unknown)[], accessKey: string): RouteAccess[] {
  const routes: RouteAccess[] = [];
  for (const controller of controllers) {
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      if (Reflect.getMetadata(PATH_KEY, handler) === undefined) continue;
      const method = Number(Reflect.getMetadata(METHOD_KEY, handler) ?? 0);
      const access = (Reflect.getMetadata(accessKey, handler) ?? Reflect.getMetadata(accessKey, controller)) as string | undefined;
      routes.push({ controller: controller.name, handler: name, method: HTTP_METHODS[method] ?? String(method), access });
    }
  }
  return routes;
}

/** Routes that declare no access, as `Controller.handler` names: the API refuses to start with any. */
export function routesWithoutAccess(routes: readonly RouteAccess[]): string[] {
  return routes.filter((route) => route.access === undefined).map((route) => `${route.controller}.${route.handler} (${route.method})`);
}
