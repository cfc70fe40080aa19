import { isIPv4 } from 'node:net';

/**
 * Whether a peer address is this machine: 127.0.0.0/8, ::1, or an IPv4 loopback mapped into IPv6. With
 * `trustProxy` off, `request.ip` is the socket's peer, which a client cannot forge.
 * @public
 */
export function isLoopbackAddress(ip: string): boolean {
  const v4 = ip.toLowerCase().startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return ip === '::1' || ip === '0:0:0:0:0:0:0:1';
}

/** `localhost`, `127.0.0.1` or `[::1]`, each with an optional port. */
const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/**
 * Whether a Host header names this machine. A DNS-rebinding page reaches a loopback server from the victim's
 * browser with its own host name in `Host`, so loopback mode also requires a loopback name here.
 * @public
 */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host);
}
