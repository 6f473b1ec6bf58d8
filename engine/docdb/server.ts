/**
 * The TCP server: one Connection per socket, frames decoded in order and answered in order.
 * A malformed frame closes only the connection that sent it.
 */
import net from 'node:net';
import type { Document } from 'bson';
import { FrameSplitter } from './wire/frame-splitter.ts';
import { decodeFrame, encodeOpMsg, encodeOpReply } from './wire/messages.ts';
import { OP_QUERY } from './wire/constants.ts';
import { dispatch, type DispatchDeps } from './dispatcher.ts';
import { WireProtocolError } from './errors.ts';
import { LIMITS } from './docdb-options.ts';

/** Receives protocol errors for logging. */
export type ProtocolErrorListener = (err: Error, connectionId: number) => void;

let nextConnectionId = 1;

/** Serves one socket. */
function serveConnection(socket: net.Socket, deps: DispatchDeps, onError: ProtocolErrorListener, track: (work: Promise<void>) => void): void {
  const connectionId = nextConnectionId++;
  const splitter = new FrameSplitter();
  let chain: Promise<void> = Promise.resolve();
  socket.setNoDelay(true);

  const fail = (err: Error): void => {
    onError(err, connectionId);
    socket.destroy();
  };

  const handle = async (frame: Buffer): Promise<void> => {
    if (socket.destroyed) return;
    let req;
    try {
      req = decodeFrame(frame);
    } catch (err) {
      fail(err as Error);
      return;
    }
    const defaultDb = req.opCode === OP_QUERY ? (req.collection ?? 'admin').split('.')[0] : 'admin';
    const reply: Document = await dispatch(deps, req.body, connectionId, defaultDb);
    if (req.moreToCome || socket.destroyed) return;
    const encode = (doc: Document): Buffer => (req.opCode === OP_QUERY ? encodeOpReply(req.requestId, doc) : encodeOpMsg(req.requestId, doc, req.checksum));
    let out: Buffer;
    try {
      out = encode(reply);
      if (out.length > LIMITS.maxMessageSizeBytes) throw new Error(`reply of ${out.length} bytes exceeds maxMessageSizeBytes`);
    } catch (err) {
      // e.g. an aggregation producing a document over 16 MiB: answer with an error, keep the connection
      out = encode({ ok: 0, errmsg: `reply could not be encoded: ${(err as Error).message}`, code: 10334, codeName: 'BSONObjectTooLarge' });
    }
    socket.write(out);
  };

  socket.on('data', (chunk: Buffer) => {
    let frames: Buffer[];
    try {
      frames = splitter.push(chunk);
    } catch (err) {
      fail(err instanceof WireProtocolError ? err : new WireProtocolError(String(err)));
      return;
    }
    for (const frame of frames) chain = chain.then(() => handle(frame)).catch((err: Error) => fail(err));
    if (frames.length > 0) track(chain);
  });
  socket.on('error', () => socket.destroy());
}

/** The listening server; `drained()` resolves once no command is being processed. */
export type DocdbServer = net.Server & { drained(): Promise<void> };

/** Creates the listening server. */
export function createServer(deps: DispatchDeps, onError: ProtocolErrorListener): DocdbServer {
  const sockets = new Set<net.Socket>();
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, deps, onError, track);
  }) as DocdbServer;
  // a command already dispatched runs to its end (a socket closed under it only drops the reply),
  // so a stop waits for it before the storage is closed
  server.drained = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };
  server.on('close', () => {
    for (const s of sockets) s.destroy();
  });
  const origClose = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    for (const s of sockets) s.destroy();
    return origClose(cb);
  }) as typeof server.close;
  return server;
}
