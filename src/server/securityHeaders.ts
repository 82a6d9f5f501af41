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
 * Browser powers the dashboard never uses, denied to it and to anything it could be made to run,
 * and the two it does use, kept for this origin only: the screen wake lock (a kiosk keeps its
 * screen on) and fullscreen (a wall tablet). Notifications and sound are not governed by this
 * header; they ask the user or wait for a tap. Only features Chromium knows are named: it warns
 * about each one it does not.
 */
export const PERMISSIONS_POLICY = [
  'screen-wake-lock=(self)',
  'fullscreen=(self)',
  'accelerometer=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'idle-detection=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-get=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/**
 * Headers for every response: the app, its files, the service worker and manifest, and every
 * error the server writes. `nosniff` keeps a file from being run as another type; no referrer
 * goes out with a request (the page's address may carry `?broker=` and `?config=`); the page
 * shares no browsing context with a window of another origin that opens it or that it opens
 * (Cross-Origin-Opener-Policy), so such a window cannot script or navigate it. The content policy
 * is left out in development, where Vite injects inline scripts for hot reload.
 */
export function applySecurityHeaders(
  response: ServerResponse,
  { withPolicy }: { withPolicy: boolean },
): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  if (withPolicy) response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
}
