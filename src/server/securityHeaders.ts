import type { ServerResponse } from 'node:http';

/**
 * What the built dashboard may load. Scripts and styles come from this origin only (inline styles
 * are allowed because charts set them); `connect-src` allows WebSockets to any host because users
 * point the dashboard at brokers elsewhere, and http(s) because `?config=` provisions a tablet
 * from a settings file on another server; workers may be blob: URLs because MQTT.js runs its
 * timers in one, so they keep ticking in a background tab.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss: https: http:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers for every response. The policy is left out in development, where Vite injects inline
 * scripts for hot reload.
 */
export function applySecurityHeaders(
  response: ServerResponse,
  { withPolicy }: { withPolicy: boolean },
): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  if (withPolicy) response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
}
