import { networkInterfaces } from 'node:os';

/**
 * The address to dial to reach a server bound to `boundAddress`. An unspecified bind address
 * (0.0.0.0, ::) listens everywhere but cannot itself be dialled, so it becomes loopback.
 */
export function dialableHost(boundAddress: string): string {
  if (boundAddress === '0.0.0.0') return '127.0.0.1';
  if (boundAddress === '::') return '::1';
  return boundAddress;
}

/** `host:port`, with an IPv6 address in brackets as URLs require. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The dashboard's address as a person opens it. */
export function httpUrl(host: string, port: number): string {
  return `http://${hostPort(host, port)}/`;
}

/** This machine's addresses on the local network, for telling a person where a tablet can reach it. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal)
    .map((address) => address.address);
}
