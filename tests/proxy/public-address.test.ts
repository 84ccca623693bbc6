import { expect, test } from 'bun:test';
import { isPublicAddress } from '../../server/proxy/public-address';
test("private, loopback, link-local and IPv4-in-IPv6 spellings are refused; public addresses pass", () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '192.168.1.1', '172.16.0.1', '100.64.0.1', '0.0.0.0', '::1', '::', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::7f00:1', '2002:7f00:1::', 'fec0::1', 'fe80::1', 'fd00::1', 'ff02::1', '::127.0.0.1', '::ffff:10.0.0.1'])
    expect([ip, isPublicAddress(ip)]).toEqual([ip, false]);
  for (const ip of ['8.8.8.8', '142.250.72.14', '2001:4860:4860::8888', '::ffff:8.8.8.8', '2606:4700::1111', '64:ff9b::808:808'])
    expect([ip, isPublicAddress(ip)]).toEqual([ip, true]);
});
