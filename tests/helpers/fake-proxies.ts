/**
 * Outbound proxies on 127.0.0.1 for the PROXIES tests: an HTTP proxy (absolute-form requests and
 * CONNECT, Basic Proxy-Authorization) and a SOCKS5 server (RFC 1928 CONNECT, RFC 1929
 * user/password). Both record who came through, with which credentials, to which target, and
 * pass the bytes on to the real target.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { relayClosingAnswer } from '../../server/proxy/socks-bridge';

export interface ProxiedCall {
  readonly user: string | null;
  readonly host: string;
  readonly port: number;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function closeTogether(a: Socket, b: Socket) {
  const close = () => {
    a.destroy();
    b.destroy();
  };
  for (const s of [a, b]) {
    s.once('close', close);
    s.once('error', close);
  }
}

export async function startHttpProxy(credentials: { user: string; password: string }) {
  const calls: ProxiedCall[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
  const server = createServer((client) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [first = '', ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
      const [method = '', target = ''] = first.split(' ');
      const auth = lines.find((l) => l.toLowerCase().startsWith('proxy-authorization:'))?.slice(20).trim();
      if (auth !== expected) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const url = method === 'CONNECT' ? new URL(`http://${target}`) : new URL(target);
      calls.push({ user: credentials.user, host: url.hostname, port: Number(url.port) });
      const upstream = connect(Number(url.port), url.hostname, () => {
        if (method === 'CONNECT') {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.pipe(client);
        } else {
          // One request per connection, so every request is seen (and authenticated) here.
          const kept = lines.filter((l) => !/^(proxy-|connection:)/i.test(l));
          upstream.write(`${method} ${url.pathname}${url.search} HTTP/1.1\r\n${[...kept, 'Connection: close'].join('\r\n')}\r\n\r\n`);
          relayClosingAnswer(upstream, client);
        }
        upstream.write(buffered.subarray(end + 4));
        client.pipe(upstream);
        closeTogether(client, upstream);
      });
      upstream.once('error', () => client.destroy());
    };
    client.on('data', onData);
    client.on('error', () => undefined);
  });
  const port = await listen(server);
  return { url: `http://${credentials.user}:${credentials.password}@127.0.0.1:${port}`, calls, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function startSocks5(credentials: { user: string; password: string }) {
  const calls: ProxiedCall[] = [];
  const server = createServer((client) => {
    let stage: 'greeting' | 'auth' | 'request' = 'greeting';
    let user: string | null = null;
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (stage === 'greeting' && buffered.length >= 2 && buffered.length >= 2 + (buffered[1] ?? 0)) {
        const methods = [...buffered.subarray(2, 2 + (buffered[1] ?? 0))];
        buffered = buffered.subarray(2 + (buffered[1] ?? 0));
        if (!methods.includes(2)) return void client.end(Buffer.from([5, 0xff]));
        client.write(Buffer.from([5, 2]));
        stage = 'auth';
      }
      if (stage === 'auth' && buffered.length >= 2) {
        const ulen = buffered[1] ?? 0;
        const plen = buffered[2 + ulen];
        if (plen === undefined || buffered.length < 3 + ulen + plen) return;
        user = buffered.subarray(2, 2 + ulen).toString();
        const password = buffered.subarray(3 + ulen, 3 + ulen + plen).toString();
        buffered = buffered.subarray(3 + ulen + plen);
        if (user !== credentials.user || password !== credentials.password) return void client.end(Buffer.from([1, 1]));
        client.write(Buffer.from([1, 0]));
        stage = 'request';
      }
      if (stage === 'request' && buffered.length >= 5) {
        const type = buffered[3];
        const hostLength = type === 3 ? (buffered[4] ?? 0) + 1 : type === 1 ? 4 : 16;
        if (buffered.length < 4 + hostLength + 2) return;
        const host = type === 3 ? buffered.subarray(5, 4 + hostLength).toString() : [...buffered.subarray(4, 8)].join('.');
        const port = buffered.readUInt16BE(4 + hostLength);
        const rest = buffered.subarray(4 + hostLength + 2);
        client.off('data', onData);
        calls.push({ user, host, port });
        const upstream = connect(port, host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          if (rest.length > 0) upstream.write(rest);
          client.pipe(upstream).pipe(client);
          closeTogether(client, upstream);
        });
        upstream.once('error', () => client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0])));
      }
    };
    client.on('data', onData);
    client.on('error', () => undefined);
  });
  const port = await listen(server);
  return { url: `socks5://${credentials.user}:${credentials.password}@127.0.0.1:${port}`, calls, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
