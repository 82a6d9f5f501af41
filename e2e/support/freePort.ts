import { createServer } from 'node:net';

/**
 * Asks the kernel for a TCP port that is free on 127.0.0.1 right now. The port is released
 * before it is returned, so another process could take it in between; in a test run that owns
 * the machine that window is too small to matter.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('the kernel gave no TCP port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
