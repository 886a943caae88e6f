// The floor `chatpush trace <PushID> --json` is measured against (issue 15): a minimal node:http + node:crypto
// script that signs the same UserSig (TLSSigAPIv2, reference/protocols.md §1.1: same key order, zlib deflate,
// base64 with + / = → * - _), sends the same request (POST v4/timpush/normal_push_trace with the same query and
// body) and prints the reply as JSON. No retries, pacing, diagnosis or checks: a floor, not a peer.
// Usage: node trace-baseline.mjs <baseUrl> <sdkappid> <identifier> <pushId> [<api> <body>]  (key in $CHATPUSH_SECRET_KEY)
// With <api> and <body> it is the floor of any other REST command (stats, loss, online, doctor): that API, that body.
import { createHmac, randomInt } from 'node:crypto';
import { request } from 'node:http';
import { deflateSync } from 'node:zlib';

const [base, sdkappid, identifier, pushId, api = 'v4/timpush/normal_push_trace', rawBody] = process.argv.slice(2);
const key = process.env.CHATPUSH_SECRET_KEY;
const time = Math.floor(Date.now() / 1000);
const expire = 86400;
const sig = createHmac('sha256', key)
  .update(`TLS.identifier:${identifier}\nTLS.sdkappid:${sdkappid}\nTLS.time:${time}\nTLS.expire:${expire}\n`)
  .digest('base64');
const doc = { 'TLS.ver': '2.0', 'TLS.identifier': identifier, 'TLS.sdkappid': Number(sdkappid), 'TLS.time': time, 'TLS.expire': expire, 'TLS.sig': sig };
const usersig = deflateSync(JSON.stringify(doc)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
const url = new URL(`${base}/${api}`);
for (const [k, v] of [['sdkappid', sdkappid], ['identifier', identifier], ['usersig', usersig], ['random', String(randomInt(2 ** 32))], ['contenttype', 'json']]) url.searchParams.set(k, v);
const body = rawBody ?? JSON.stringify({ PushID: pushId });
const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'chatpush' } }, (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => process.stdout.write(`${JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')), null, 2)}\n`));
});
req.end(body);
