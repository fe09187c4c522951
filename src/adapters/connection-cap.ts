import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Caps a server's open connections at `max` without letting idle ones lock senders out: at the
 * cap, a new connection evicts the oldest connection with no request in progress (one that
 * connected and sent nothing, or an idle keep-alive); only when every connection is busy is the
 * new one dropped. `server.maxConnections` alone would refuse every sender until the idle
 * sockets time out (2 000 idle connections locked `qwh listen` out for 10 s).
 * Returns what the server's request handler calls first for each request (one call, where a
 * second 'request' listener would make every emit walk a listener array).
 */
export function capConnections(
  server: Server,
  max: number,
): (req: IncomingMessage, res: ServerResponse) => void {
  // Insertion order is age: the first idle entry is the oldest idle connection. A connection is
  // busy while its latest response is unfinished (requests on one connection come one at a
  // time); asked only at the cap, so a delivery costs one Map lookup and no listener.
  const open = new Map<Socket, { res: ServerResponse | undefined }>();
  const idle = (st: { res: ServerResponse | undefined }): boolean =>
    st.res === undefined || st.res.writableFinished || st.res.destroyed;
  server.on('connection', (socket: Socket) => {
    if (open.size >= max) {
      let victim: Socket | undefined;
      for (const [s, st] of open)
        if (idle(st)) {
          victim = s;
          break;
        }
      if (!victim) {
        socket.destroy();
        return;
      }
      open.delete(victim);
      victim.destroy();
    }
    open.set(socket, { res: undefined });
    socket.once('close', () => open.delete(socket));
  });
  return (req, res) => {
    const st = open.get(req.socket);
    if (st) st.res = res;
  };
}
