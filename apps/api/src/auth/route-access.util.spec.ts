import 'reflect-metadata';
import { routeAccessOf, routesWithoutAccess } from './route-access.util';

const ACCESS = 'test:access';
const route = (path: string, method: number) => (target: object, key: string) => {
  const handler = (target as Record<string, unknown>)[key] as object;
  Reflect.defineMetadata('path', path, handler);
  Reflect.defineMetadata('method', method, handler);
};
const access = (value: string) => (target: object, key?: string) => {
  Reflect.defineMetadata(ACCESS, value, key === undefined ? target : ((target as Record<string, unknown>)[key] as object));
};

class Declared {
  @route('a', 0)
  @access('read')
  list(): void {}

  @route('b', 1)
  @access('public')
  login(): void {}

  helper(): void {}
}

@access('admin')
class ClassWide {
  @route('c', 2)
  replace(): void {}
}

class Forgotten {
  @route('d', 3)
  remove(): void {}
}

describe('every route declares its access', () => {
  it('reads the access of each handler, or of its class', () => {
    expect(routeAccessOf([Declared, ClassWide], ACCESS)).toEqual([
      { controller: 'Declared', handler: 'list', method: 'GET', access: 'read' },
      { controller: 'Declared', handler: 'login', method: 'POST', access: 'public' },
      { controller: 'ClassWide', handler: 'replace', method: 'PUT', access: 'admin' },
    ]);
  });

  it('names the routes that declare none', () => {
    expect(routesWithoutAccess(routeAccessOf([Declared, ClassWide, Forgotten], ACCESS))).toEqual(['Forgotten.remove (DELETE)']);
    expect(routesWithoutAccess(routeAccessOf([Declared, ClassWide], ACCESS))).toEqual([]);
  });
});
