import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Caps a server's open connections at `max` without letting idle ones lock senders out: at the
 * cap, a new connection evicts the oldest connection with no request in progress (one that
 * connected and sent nothing, or an idle keep-alive); only when every connection is busy is the
 * new one dropped. `server.maxConnections` alone would refuse every sender until the idle
 * sockets time out (2 000 idle connections locked `qwh listen` out for 10 s).
 */
export function capConnections(server: Server, max: number): void {
  // Insertion order is age: the first idle entry is the oldest idle connection.
  const open = new Map<Socket, { busy: number }>();
  server.on('connection', (socket: Socket) => {
    if (open.size >= max) {
      let victim: Socket | undefined;
      for (const [s, st] of open)
        if (st.busy === 0) {
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
    open.set(socket, { busy: 0 });
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (req, res) => {
    const st = open.get(req.socket);
    if (!st) return;
    st.busy++;
    res.once('close', () => {
      st.busy = Math.max(0, st.busy - 1);
    });
  });
}
