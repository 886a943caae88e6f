// A minimal backend for the benchmarks, run as its own process so it does not share an event loop with the
// client being measured. Answers every POST with the OK reply (or, with $REPLY_FILE, that file's bytes: a saved
// normal_push_trace answer for the trace benchmarks). GET /stats returns the arrival times recorded since the
// last GET /reset ($RECORD_ARRIVALS); GET /requests the requests themselves ($RECORD_REQUESTS: method, URL,
// headers, body in base64), so a benchmark can check that two clients sent the same bytes. Prints its port.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const REPLY = process.env.REPLY_FILE ? readFileSync(process.env.REPLY_FILE) : Buffer.from(JSON.stringify({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 }));
let arrivals = [];
let requests = [];
const server = createServer((req, res) => {
  if (req.method === 'GET' && (req.url === '/stats' || req.url === '/requests')) {
    const body = JSON.stringify(req.url === '/stats' ? { count: arrivals.length, arrivals } : { requests });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  if (req.method === 'GET' && req.url === '/reset') {
    arrivals = [];
    requests = [];
    res.writeHead(204).end();
    return;
  }
  const chunks = process.env.RECORD_REQUESTS ? [] : undefined;
  req.on('data', (c) => chunks?.push(c));
  req.on('end', () => {
    if (process.env.RECORD_ARRIVALS) arrivals.push(performance.timeOrigin + performance.now());
    if (chunks) requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('base64') });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': REPLY.length }).end(REPLY);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
