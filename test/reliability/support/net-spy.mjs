// Test-only preload (node --import): records every outgoing connection qwh attempts to the file
// in QWH_TEST_NET_LOG, and answers DNS for the names in QWH_TEST_FAKE_DNS ({"name": ["ip", …]}),
// so a test can prove a refused target was refused before any packet left. Never shipped.
import dns from 'node:dns';
import net from 'node:net';
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const log = process.env.QWH_TEST_NET_LOG;
const fake = JSON.parse(process.env.QWH_TEST_FAKE_DNS || '{}');

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const o = args[0];
  const where = Array.isArray(o) ? o[0] : o;
  if (log) appendFileSync(log, JSON.stringify({ host: where?.host, port: where?.port }) + '\n');
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'object' && options !== null ? options : {};
  const list = fake[hostname];
  if (!list) return lookup.call(this, hostname, options, callback);
  const all = list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  process.nextTick(() => (opts.all ? cb(null, all) : cb(null, all[0].address, all[0].family)));
};
syncBuiltinESMExports();
