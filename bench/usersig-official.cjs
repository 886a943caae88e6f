// A peer for `chatpush usersig gen` (bench/startup.mjs, for information): the official tls-sig-api-v2 package
// generating the same UserSig in a two-line script (node:crypto for the HMAC, node:zlib for the deflate), with
// the bench's app and key from the environment. What any Node program that makes a UserSig pays at least.
const { Api } = require('tls-sig-api-v2');
process.stdout.write(`${new Api(Number(process.env.CHATPUSH_SDKAPPID), process.env.CHATPUSH_SECRET_KEY).genUserSig('administrator', 86400 * 180)}\n`);
