// Opens N Socket.IO 4 websocket clients against a server, then runs broadcast rounds: for each round it asks the
// trigger URL to broadcast one notification and measures, per socket, the time from the request to its arrival.
// Prints one JSON line per phase on stdout; the harness (RealtimeBenchmark) reads them.
// Warm-up rounds, if asked for, run first and are reported apart (the servers' JIT compilers at work, not their
// steady state).
//   node load.js <socketUrl> <token> <sockets> <rounds> <triggerUrl> [warmupRounds]
const { io } = require('socket.io-client');
const http = require('http');
const { PerformanceObserver } = require('perf_hooks');

const [url, token, total, rounds, trigger, warmups] = [process.argv[2], process.argv[3], +process.argv[4],
  +process.argv[5], process.argv[6], +(process.argv[7] || 0)];
const sockets = [];
const received = new Map(); // notification id -> array of arrival times
let ready = 0;
let failed = 0;
let pings = 0; // Engine.IO heartbeats received: traffic of their own, which a round may overlap
// this process's garbage collection pauses (reported after the fact: a round's last may count in the next)
let gcMillis = 0;
new PerformanceObserver((list) => list.getEntries().forEach((entry) => { gcMillis += entry.duration; }))
  .observe({ entryTypes: ['gc'] });
// how far the sockets got: Engine.IO transport open, Socket.IO namespace connected (CONNECT answered), greeted
const reached = { opened: 0, connected: 0 };
const serverErrors = {}; // error events by code, e.g. unauthenticated, too_many_sockets
const clientErrors = {}; // connect_error by message: a transport that failed to open, or a refused CONNECT

// How many turns of this process's event loop the arrivals were spread over (a turn reads every socket the kernel
// reports ready at once): few large batches when the server writes faster than this process reads, many small ones,
// each paying the turn's own cost, when the writes trickle in.
let batches = 0;
let batchOpen = false;
function countBatch() {
  if (!batchOpen) {
    batchOpen = true;
    batches++;
    setImmediate(() => { batchOpen = false; });
  }
}

function pause(millis) {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

function emitLine(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}

function connectAll() {
  return new Promise((resolve) => {
    const started = Date.now();
    // sockets neither greeted nor refused within two minutes count as failed
    const timer = setTimeout(() => { failed = total - ready; resolve(Date.now() - started); }, 120000);
    const done = () => { clearTimeout(timer); resolve(Date.now() - started); };
    for (let i = 0; i < total; i++) {
      const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, timeout: 60000 });
      socket.io.on('open', () => { reached.opened++; });
      socket.io.on('ping', () => { pings++; });
      socket.on('connect', () => { reached.connected++; });
      socket.on('user:login-success', () => { if (++ready + failed === total) done(); });
      socket.on('connect_error', (e) => {
        // socket.io-client says only "websocket error"; what went wrong underneath (a reset, a refused upgrade…) is in
        // its description
        const cause = e && e.description && (e.description.message || (e.description.error && e.description.error.message));
        const message = ((e && e.message) || 'unknown') + (cause ? `: ${cause}` : '');
        clientErrors[message] = (clientErrors[message] || 0) + 1;
        if (ready + ++failed === total) done();
      });
      socket.on('error', (e) => { const code = (e && e.code) || 'unknown'; serverErrors[code] = (serverErrors[code] || 0) + 1; });
      socket.on('notification:received', (n) => {
        const at = Date.now();
        countBatch();
        let arrivals = received.get(n.id);
        if (!arrivals) { arrivals = []; received.set(n.id, arrivals); }
        arrivals.push(at);
      });
      if (i === 0 && process.env.BENCH_DEBUG) {
        socket.onAny((event, ...args) => process.stderr.write(`socket 0: ${event} ${JSON.stringify(args).slice(0, 200)}\n`));
        socket.on('disconnect', (reason) => process.stderr.write(`socket 0: disconnect ${reason}\n`));
        socket.on('connect_error', (e) => process.stderr.write(`socket 0: connect_error ${e.message}\n`));
      }
      sockets.push(socket);
    }
  });
}

function post(target, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(target, { method: 'POST', headers: { 'Content-Type': 'application/json' } },
      (response) => { response.resume(); response.on('end', () => resolve(response.statusCode)); });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

// CPU milliseconds of this process's main thread (where the JavaScript runs and GC pauses it) and of its other
// threads (V8's concurrent marking, sweeping and compiling, libuv's pool), from /proc in 10 ms ticks; null where
// /proc is not readable
function threadCpu() {
  try {
    const fs = require('fs');
    const ticks = (tid) => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // after the thread's name, which may itself hold ") ": state, then fields 4… (utime and stime are 14 and 15)
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13)
        .reduce((sum, value) => sum + Number(value), 0) * 10;
    };
    let main = 0;
    let others = 0;
    for (const tid of fs.readdirSync('/proc/self/task')) {
      if (Number(tid) === process.pid) main = ticks(tid); else others += ticks(tid);
    }
    return { main, others };
  } catch (unreadable) {
    return null;
  }
}

// TCP segments the host sent (on loopback, both directions of every connection, acknowledgements included): how many
// packets a round's frames and their acknowledgements took; null where /proc is not readable
function tcpSegments() {
  try {
    const [names, values] = require('fs').readFileSync('/proc/net/snmp', 'utf8').split('\n')
      .filter((line) => line.startsWith('Tcp:')).map((line) => line.trim().split(/\s+/));
    return Number(values[names.indexOf('OutSegs')]);
  } catch (unreadable) {
    return null;
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))];
}

// the latencies of one round, appended to `all` when given (the measured rounds together)
async function round(index, all) {
  const id = require('crypto').randomUUID();
  const pingsBefore = pings;
  const batchesBefore = batches;
  const gcBefore = gcMillis;
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const segmentsBefore = tcpSegments();
  const threadsBefore = threadCpu();
  const sent = Date.now();
  await post(trigger, { id, sentAt: sent });
  const deadline = sent + 30000;
  while ((received.get(id) || []).length < ready && Date.now() < deadline) {
    await pause(5);
  }
  const latencies = (received.get(id) || []).map((at) => at - sent).sort((a, b) => a - b);
  if (all) latencies.forEach((latency) => all.push(latency));
  const cpu = process.cpuUsage(cpuBefore);
  const segments = segmentsBefore === null ? null : tcpSegments() - segmentsBefore;
  const threadsAfter = threadsBefore === null ? null : threadCpu();
  return { segments, round: index, reached: latencies.length, of: ready, p50: percentile(latencies, 50),
    p99: percentile(latencies, 99), max: latencies[latencies.length - 1], pings: pings - pingsBefore,
    cpuMillis: Math.round((cpu.user + cpu.system) / 1000), systemMillis: Math.round(cpu.system / 1000),
    gcMillis: Math.round(gcMillis - gcBefore),
    mainThreadMillis: threadsAfter === null ? null : threadsAfter.main - threadsBefore.main,
    otherThreadsMillis: threadsAfter === null ? null : threadsAfter.others - threadsBefore.others,
    heapMiB: Math.round(heapBefore / 1048576), batches: batches - batchesBefore };
}

// descriptors this process has open (sockets among them); null where /proc is not readable
function openDescriptors() {
  try {
    return require('fs').readdirSync('/proc/self/fd').length;
  } catch (unreadable) {
    return null;
  }
}

(async () => {
  const descriptorsBefore = openDescriptors();
  const connectMillis = await connectAll();
  emitLine({ phase: 'connected', ready, failed, millis: connectMillis, errors: serverErrors, reached: { ...reached },
    clientErrors: { ...clientErrors } });
  // the harness measures idle memory now; it answers on stdin when done, and again after the warm-up rounds
  const nextCommand = () => new Promise((resolve) => process.stdin.once('data', resolve));
  await nextCommand();
  const warmup = [];
  for (let i = 0; i < warmups; i++) {
    warmup.push(await round(i));
    await pause(500);
  }
  emitLine({ phase: 'warmed', rounds: warmup });
  await nextCommand();
  // the first measured round starts as long after the harness's command as each round after the one before: right
  // after it, Node's server took 170–220 ms to write the round instead of 126–171 (three runs; cause not found)
  await pause(1000);
  const measured = [];
  for (let i = 0; i < rounds; i++) {
    emitLine({ phase: 'round', ...(await round(i, measured)) });
    await pause(500);
  }
  // every delivery of the measured rounds together: a p99 over all of them, not per round
  measured.sort((a, b) => a - b);
  emitLine({ phase: 'rounds', deliveries: measured.length, p50: percentile(measured, 50),
    p99: percentile(measured, 99), max: measured[measured.length - 1] });
  if (process.env.BENCH_READER_SNAPSHOT) {
    // what this process holds after the rounds (a snapshot keeps only what is reachable), one file per server
    require('v8').writeHeapSnapshot(`${process.env.BENCH_READER_SNAPSHOT}-${new URL(url).port}.heapsnapshot`);
  }
  // a reconnect storm: every socket at once, as after a deploy
  sockets.forEach((socket) => socket.disconnect());
  sockets.length = 0;
  ready = 0;
  failed = 0;
  reached.opened = 0;
  reached.connected = 0;
  Object.keys(clientErrors).forEach((message) => delete clientErrors[message]);
  // this one process holds at most 20 000 descriptors here (the hard limit), so the old connections must be gone
  // before 10 000 new ones open (else "connect EMFILE"): a socket's descriptor is released once the server has
  // answered its close, which a busy server does later. After a deploy the old server is gone altogether.
  const closing = Date.now();
  while (openDescriptors() > descriptorsBefore + 50 && Date.now() - closing < 60000) {
    await pause(100);
  }
  const released = { millis: Date.now() - closing, stillOpen: Math.max(0, openDescriptors() - descriptorsBefore) };
  await pause(2000);
  const stormMillis = await connectAll();
  emitLine({ phase: 'storm', ready, failed, millis: stormMillis, errors: serverErrors, reached: { ...reached },
    clientErrors: { ...clientErrors }, released });
  sockets.forEach((socket) => socket.disconnect());
  process.exit(0);
})();
