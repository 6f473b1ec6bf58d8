/**
 * zeebe-node 8.3 ships grpc-js 1.9, whose client sends RST_STREAM after every finished call. Node's
 * HTTP/2 (nghttp2) rate-limits incoming RST_STREAM frames per connection (burst 1,000, then 33/s) and
 * kills the connection with GOAWAY code 2 when that is exceeded; Node 20 has no option to raise the
 * limit, and a Netty-based Zeebe gateway has none. So a connection from such a client is asked to move
 * on (graceful GOAWAY: open calls finish, new calls go to a fresh connection) well before the limit.
 * Other clients (newer grpc-js, the Go client of zbctl, …) keep their connection for good, so
 * long-lived job streams and keepalive pings are never disturbed.
 */
import http2 from 'node:http2';
import type * as grpc from '@grpc/grpc-js';

/** Calls a resetting client may make on one connection before it is asked to reconnect. */
export const CALLS_PER_RESETTING_CONNECTION = 800;

/** grpc-js clients before 1.10 reset every finished stream. */
export function isResettingClient(userAgent: string | undefined): boolean {
  const match = /grpc-node-js\/1\.(\d+)\./.exec(userAgent ?? '');
  return match !== null && Number(match[1]) < 10;
}

/** Watches the HTTP/2 servers behind a bound grpc-js server and rotates connections of resetting clients. */
export function rotateResettingConnections(server: grpc.Server): void {
  const servers = (server as unknown as { http2Servers?: Map<http2.Http2Server, unknown> }).http2Servers;
  if (!servers) return;
  const calls = new WeakMap<http2.Http2Session, number>();
  for (const http2Server of servers.keys()) {
    http2Server.on('stream', (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => {
      const session = stream.session;
      if (!session || !isResettingClient(headers['user-agent'])) return;
      const count = (calls.get(session) ?? 0) + 1;
      calls.set(session, count);
      if (count === CALLS_PER_RESETTING_CONNECTION && !session.closed && !session.destroyed) {
        session.goaway(http2.constants.NGHTTP2_NO_ERROR, stream.id ?? 0);
      }
    });
  }
}
