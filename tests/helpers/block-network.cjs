// Preloaded with `node --require` (workers inherit it through execArgv): every way out to the
/* eslint-disable @typescript-eslint/no-require-imports -- a --require preload has to be CommonJS */
// network is recorded in $MURAGAT_NETWORK_LOG and refused. Proves that OCR fetches nothing.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const { isMainThread, threadId } = require('node:worker_threads');

const log = process.env.MURAGAT_NETWORK_LOG;
function refuse(what, detail) {
  if (log) fs.appendFileSync(log, `${isMainThread ? 'main' : `worker ${threadId}`}: ${what} ${String(detail ?? '')}\n`);
  throw new Error(`network access refused in this test: ${what}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // Node passes its normalized [options, callback] pair as the first argument internally.
  const target = Array.isArray(args[0]) ? args[0][0] : args[0];
  // Local IPC (pipes, Unix sockets) is not the network.
  if (typeof target === 'string' || (target && typeof target === 'object' && 'path' in target && target.path)) return connect.apply(this, args);
  return refuse('connect', JSON.stringify(target));
};
dns.lookup = (host) => refuse('dns.lookup', host);
dns.promises.lookup = async (host) => refuse('dns.promises.lookup', host);
dns.resolve = (host) => refuse('dns.resolve', host);
http.request = (url) => refuse('http.request', url);
http.get = (url) => refuse('http.get', url);
https.request = (url) => refuse('https.request', url);
https.get = (url) => refuse('https.get', url);
globalThis.fetch = async (url) => refuse('fetch', url);
