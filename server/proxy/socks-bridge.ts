/**
 * SOCKS5 for fetch. Bun's fetch speaks only to HTTP proxies ("UnsupportedProxyProtocol" for
 * socks5://), so a SOCKS5 proxy is reached through a small HTTP proxy on 127.0.0.1 that this
 * process runs itself: fetch sends it CONNECT (https targets) or an absolute-form request (http
 * targets) with a header naming the SOCKS5 proxy, and the bridge opens that connection through
 * the SOCKS5 proxy (with its user and password) using the `socks` library, then relays bytes.
 * TLS stays end to end between fetch and Google.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { SocksClient } from 'socks';

const ROUTE_HEADER = 'x-gb-socks-proxy';
const HEAD_LIMIT = 64 * 1024;

interface Head {
  readonly method: string;
  readonly target: string;
  readonly lines: string[];
  readonly rest: Buffer;
}

function readHead(socket: Socket): Promise<Head> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > HEAD_LIMIT) reject(new Error('request head too large'));
        return;
      }
      socket.off('data', onData);
      // Body bytes that come while SOCKS5 connects must wait, not flow away: pipe() resumes.
      socket.pause();
      const [first = '', ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
      const [method = '', target = ''] = first.split(' ');
      resolve({ method, target, lines, rest: buffered.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('end', () => reject(new Error('closed before the request head')));
  });
}

function destination(head: Head): { host: string; port: number; path: string } {
  if (head.method === 'CONNECT') {
    const at = head.target.lastIndexOf(':');
    return { host: head.target.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(head.target.slice(at + 1)), path: '' };
  }
  const url = new URL(head.target);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), path: `${url.pathname}${url.search}` };
}

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    // A literal % in a password (u:50%off@…) is the password itself.
    return text;
  }
};

/** Opens a connection to host:port through the SOCKS5 proxy of that URL. */
export async function socksConnect(socksUrl: string, host: string, port: number, timeoutMs = 30_000): Promise<Socket> {
  const proxy = new URL(socksUrl);
  const { socket } = await SocksClient.createConnection({
    proxy: { host: proxy.hostname, port: Number(proxy.port || 1080), type: 5, userId: decoded(proxy.username) || undefined, password: decoded(proxy.password) || undefined },
    command: 'connect',
    destination: { host, port },
    timeout: timeoutMs,
  });
  return socket;
}

async function bridge(client: Socket, socksUrlOf: (id: string) => string | undefined): Promise<void> {
  const head = await readHead(client);
  const route = head.lines.find((l) => l.toLowerCase().startsWith(`${ROUTE_HEADER}:`))?.slice(ROUTE_HEADER.length + 1).trim() ?? '';
  const socksUrl = socksUrlOf(route);
  if (!socksUrl) throw new Error('no SOCKS5 proxy named');
  const to = destination(head);
  const upstream = await socksConnect(socksUrl, to.host, to.port);
  // The client may have left while SOCKS5 connected (an abort, TIME_OUT): nothing to relay.
  if (client.destroyed) {
    upstream.destroy();
    return;
  }
  if (head.method === 'CONNECT') {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    upstream.pipe(client);
  } else {
    // Origin-form to the target, without the proxy's own headers; one request per connection
    // (the answer says Connection: close), so a reused proxy connection never reaches the wrong host.
    const kept = head.lines.filter((l) => !/^(proxy-|connection:|x-gb-socks-proxy:)/i.test(l));
    upstream.write(`${head.method} ${to.path} HTTP/1.1\r\n${[...kept, 'Connection: close'].join('\r\n')}\r\n\r\n`);
    relayClosingAnswer(upstream, client);
  }
  if (head.rest.length > 0) upstream.write(head.rest);
  client.pipe(upstream);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.once('close', close);
  upstream.once('close', close);
  client.once('error', close);
  upstream.once('error', close);
}

/** Relays an HTTP answer from `from` to `to` with `Connection: close` in its head, then the rest as it comes. */
export function relayClosingAnswer(from: Socket, to: Socket): void {
  let buffered = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) return;
    from.off('data', onData);
    const lines = buffered.subarray(0, end).toString('latin1').split('\r\n').filter((l) => !/^(connection|keep-alive):/i.test(l));
    to.write(Buffer.concat([Buffer.from(`${[...lines, 'Connection: close'].join('\r\n')}\r\n\r\n`, 'latin1'), buffered.subarray(end + 4)]));
    from.pipe(to);
  };
  from.on('data', onData);
}

export interface SocksBridge {
  /** The fetch `proxy` option that sends a request through this SOCKS5 proxy. */
  proxyOption(socksUrl: string): Promise<{ url: string; headers: Record<string, string> }>;
  stop(): void;
}

export function createSocksBridge(): SocksBridge {
  const ids = new Map<string, string>();
  const urls = new Map<string, string>();
  let listening: Promise<{ server: Server; port: number }> | undefined;
  // Unguessable route ids: another local process cannot borrow the operator's SOCKS5 proxy.
  const newId = () => randomBytes(16).toString('hex');
  const start = () =>
    new Promise<{ server: Server; port: number }>((resolve) => {
      const server = createServer((client) => {
        client.on('error', () => client.destroy());
        // No answer at all: fetch then fails as a network error, as it would on a dead proxy.
        bridge(client, (id) => urls.get(id)).catch(() => client.destroy());
      });
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
      });
      server.unref();
    });
  return {
    async proxyOption(socksUrl) {
      listening ??= start();
      const { port } = await listening;
      let id = ids.get(socksUrl);
      if (id === undefined) {
        id = newId();
        ids.set(socksUrl, id);
        urls.set(id, socksUrl);
      }
      return { url: `http://127.0.0.1:${port}`, headers: { [ROUTE_HEADER]: id } };
    },
    stop() {
      void listening?.then(({ server }) => server.close());
    },
  };
}
