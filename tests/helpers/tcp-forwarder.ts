import type { Socket, TCPSocketListener } from 'bun';

interface Pair {
  client: Socket<Pair>;
  upstream?: Socket<Pair>;
  pending: Uint8Array[];
}

/**
 * A TCP forwarder on 127.0.0.1 in front of a real server (MariaDB in the tests). `cut()` drops
 * every connection and refuses new ones, like a database going away; `restore()` brings it back
 * (a no-op while it is not cut).
 * `freeze()` keeps every connection open and passes nothing either way (a hung server) until `thaw()`.
 */
export async function startForwarder(targetHost: string, targetPort: number) {
  const pairs = new Set<Pair>();
  let listener: TCPSocketListener<Pair> | undefined;
  let port = 0;
  let frozen = false;

  const listen = () => {
    if (listener) return;
    listener = Bun.listen<Pair>({
      hostname: '127.0.0.1',
      port,
      socket: {
        open(client) {
          const pair: Pair = { client, pending: [] };
          client.data = pair;
          pairs.add(pair);
          void Bun.connect<Pair>({
            hostname: targetHost,
            port: targetPort,
            socket: {
              open(upstream) {
                upstream.data = pair;
                pair.upstream = upstream;
                for (const chunk of pair.pending) upstream.write(chunk);
                pair.pending = [];
              },
              data: (_s, chunk) => void (frozen || pair.client.write(chunk)),
              close: () => void pair.client.end(),
              error: () => void pair.client.end(),
            },
          }).catch(() => client.end());
        },
        data(client, chunk) {
          if (frozen) return;
          const pair = client.data;
          if (pair.upstream) pair.upstream.write(chunk);
          else pair.pending.push(new Uint8Array(chunk));
        },
        close(client) {
          client.data.upstream?.end();
          pairs.delete(client.data);
        },
      },
    });
    port = listener.port;
  };

  listen();
  return {
    get port() {
      return port;
    },
    cut() {
      listener?.stop(true);
      listener = undefined;
      for (const pair of pairs) {
        pair.client.end();
        pair.upstream?.end();
      }
      pairs.clear();
    },
    restore: listen,
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
    },
    stop() {
      this.cut();
    },
  };
}
