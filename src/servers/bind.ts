/** Binding the local servers (sandbox, listen) to a host and port, shared so both report the same URL. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on host:port (port 0 picks a free one) and resolves with the port and a URL that reaches the server
 * from this machine: a wildcard bind (0.0.0.0 / ::) is shown as loopback, IPv6 hosts are bracketed. A bind
 * error (EADDRINUSE, EACCES, EADDRNOTAVAIL) rejects with Node's error for the caller to explain.
 */
export async function bindServer(server: Server, host: string, port: number): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return { port: bound, url: `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${bound}` };
}

/** Closes a server now: open keep-alive connections are dropped rather than waited for. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
