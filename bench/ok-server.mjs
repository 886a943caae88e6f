// A minimal Tencent-style callback backend for the benchmarks, run as its own process so it does not share
// an event loop with the client being measured. Answers every POST with the OK reply; GET /stats returns the
// arrival times recorded since the last GET /reset. Prints its port on stdout when ready.
import { createServer } from 'node:http';

const REPLY = JSON.stringify({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
let arrivals = [];
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    const body = JSON.stringify({ count: arrivals.length, arrivals });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  if (req.method === 'GET' && req.url === '/reset') {
    arrivals = [];
    res.writeHead(204).end();
    return;
  }
  req.on('data', () => {});
  req.on('end', () => {
    if (process.env.RECORD_ARRIVALS) arrivals.push(performance.timeOrigin + performance.now());
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(REPLY) }).end(REPLY);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
