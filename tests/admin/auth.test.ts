import { describe, expect, test } from 'bun:test';
import { signSession } from '../../server/admin/session';
import { adminClient, trpcData } from '../helpers/admin-client';
import { ADMIN_TOKEN, CLIENT_TOKEN } from '../helpers/proxy-app';
import { proxyWithFake } from '../helpers/proxy-with-fake';

const h = proxyWithFake();
const KEY = `AIza${'k'.repeat(35)}`;

describe('dashboard login', () => {
  test('the right AUTH_TOKEN gives an HttpOnly, SameSite=Strict session cookie that opens the admin API', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = adminClient(p);
    expect((await trpcData<{ loggedIn: boolean }>(await admin.query('auth.session'))).loggedIn).toBe(false);
    const res = await admin.mutate('auth.login', { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Max-Age=3600');
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain(ADMIN_TOKEN);
    expect((await trpcData<{ loggedIn: boolean }>(await admin.query('auth.session'))).loggedIn).toBe(true);
  });

  test('a wrong token is a 401 and sets no cookie; an access token is not the admin token', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = adminClient(p);
    for (const token of ['nope', CLIENT_TOKEN]) {
      const res = await admin.mutate('auth.login', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  test('an empty token is a 400 with a clear message', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const res = await adminClient(p).mutate('auth.login', { token: '' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('Enter the AUTH_TOKEN');
  });

  test('behind an https proxy (X-Forwarded-Proto) the cookie is Secure', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const res = await adminClient(p, { 'x-forwarded-proto': 'https' }).mutate('auth.login', { token: ADMIN_TOKEN });
    expect(res.headers.get('set-cookie')).toContain('; Secure');
  });

  test('more than 5 wrong logins a minute from one address → 429, even with the right token; another address is not affected', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const attacker = adminClient(p, { 'x-forwarded-for': '203.0.113.7' });
    for (let i = 0; i < 5; i++) expect((await attacker.mutate('auth.login', { token: `guess-${i}` })).status).toBe(401);
    expect((await attacker.mutate('auth.login', { token: ADMIN_TOKEN })).status).toBe(429);
    expect((await adminClient(p, { 'x-forwarded-for': '198.51.100.1' }).mutate('auth.login', { token: ADMIN_TOKEN })).status).toBe(200);
    h.clock.t += 61_000;
    expect((await attacker.mutate('auth.login', { token: ADMIN_TOKEN })).status).toBe(200);
  });

  test('a client rotating the left part of X-Forwarded-For is still counted by the address our proxy added', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    for (let i = 0; i < 5; i++) {
      const spoofed = adminClient(p, { 'x-forwarded-for': `10.9.8.${i}, 203.0.113.9` });
      expect((await spoofed.mutate('auth.login', { token: `guess-${i}` })).status).toBe(401);
    }
    expect((await adminClient(p, { 'x-forwarded-for': '1.2.3.4, 203.0.113.9' }).mutate('auth.login', { token: ADMIN_TOKEN })).status).toBe(429);
  });

  test('behind a proxy that rewrites Host, the browser’s Sec-Fetch-Site: same-origin login is accepted', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const browser = adminClient(p, { origin: 'https://admin.example.com', 'sec-fetch-site': 'same-origin' });
    expect((await browser.mutate('auth.login', { token: ADMIN_TOKEN })).status).toBe(200);
    expect((await browser.mutate('auth.logout', undefined, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  test('admin answers are never cached by a proxy or CDN', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    expect((await adminClient(p).query('auth.session')).headers.get('cache-control')).toBe('no-store');
  });

  test('logout ends the session: the same cookie no longer works', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = adminClient(p);
    await admin.mutate('auth.login', { token: ADMIN_TOKEN });
    const kept = admin.cookie();
    expect((await admin.mutate('auth.logout')).status).toBe(200);
    admin.setCookie(kept);
    expect((await admin.mutate('auth.logout')).status).toBe(401);
  });
});

describe('sessions that must not work', () => {
  test('no cookie → 401 UNAUTHORIZED', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const res = await adminClient(p).mutate('auth.logout');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { data: { code: string } } }).error.data.code).toBe('UNAUTHORIZED');
  });

  test('a forged cookie (signed with another secret) and a tampered expiry are refused', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = adminClient(p);
    const forged = signSession({ id: 'x', expiresAt: h.clock.t + 3_600_000 }, 'not-the-secret', p.deps.settings.authTokenHash);
    admin.setCookie(`gb_session=${forged}`);
    expect((await admin.mutate('auth.logout')).status).toBe(401);
    await admin.mutate('auth.login', { token: ADMIN_TOKEN });
    const [id, expires, mac] = (admin.cookie() ?? '').replace('gb_session=', '').split('.');
    admin.setCookie(`gb_session=${id}.${Number(expires) + 86_400_000}.${mac}`);
    expect((await admin.mutate('auth.logout')).status).toBe(401);
  });

  test('an expired session is refused (ADMIN_SESSION_EXPIRE)', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } }, { ADMIN_SESSION_EXPIRE: '300' });
    const admin = adminClient(p);
    await admin.mutate('auth.login', { token: ADMIN_TOKEN });
    h.clock.t += 299_000;
    expect((await trpcData<{ loggedIn: boolean }>(await admin.query('auth.session'))).loggedIn).toBe(true);
    h.clock.t += 2_000;
    expect((await trpcData<{ loggedIn: boolean }>(await admin.query('auth.session'))).loggedIn).toBe(false);
  });

  test('changing AUTH_TOKEN ends every session', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = adminClient(p);
    await admin.mutate('auth.login', { token: ADMIN_TOKEN });
    p.deps.settings.authTokenHash = 'sha256:0000';
    expect((await trpcData<{ loggedIn: boolean }>(await admin.query('auth.session'))).loggedIn).toBe(false);
  });

  test('a logged-in browser sent by another site cannot change anything (Origin / Sec-Fetch-Site)', async () => {
    const { p } = await h.setup({ [KEY]: { kind: 'ok' } });
    const admin = adminClient(p);
    await admin.mutate('auth.login', { token: ADMIN_TOKEN });
    expect((await admin.mutate('auth.logout', undefined, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await admin.mutate('auth.logout', undefined, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await admin.mutate('auth.login', { token: ADMIN_TOKEN }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await admin.mutate('auth.logout', undefined, { origin: p.url })).status).toBe(200);
  });
});
