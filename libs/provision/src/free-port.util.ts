import { createServer } from 'node:net';

// The port is released before the server binds it, so callers retry when they lose the race.
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => (port === undefined ? reject(new Error('Could not determine a free port')) : resolve(port)));
    });
  });
}
