// The reference: a plain Node.js socket.io 4 server doing the same broadcast as realtime-service.
//   node --expose-gc node-server.js <socketPort> <controlPort>
// POST /broadcast {id, sentAt} on the control port emits notification:received to every authenticated socket;
// GET /heap answers the heap in use after a full GC; GET /written, per broadcast, the milliseconds from the trigger's send
// time to the last socket written.
const http = require('http');
const { Server } = require('socket.io');

const [socketPort, controlPort] = [+process.argv[2], +process.argv[3]];
const io = new Server(socketPort, { transports: ['websocket', 'polling'] });
io.use((socket, next) => (socket.handshake.auth && socket.handshake.auth.token ? next() : next(new Error('invalid_token'))));
io.on('connection', (socket) => {
  socket.join('clients');
  socket.emit('user:login-success', { userId: 'bench', userType: 'client' });
});

const written = []; // per broadcast, milliseconds from its trigger's send time to the last socket written

http.createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/broadcast') {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const { id, sentAt } = JSON.parse(body);
      io.to('clients').emit('notification:received', { id, title: 'Benchmark', message: 'One broadcast',
        imageUrl: null, type: 'info', timestamp: new Date(sentAt).toISOString(), vehicleIds: [] });
      // emit writes to every socket before it returns (each write tried at once; the kernel takes small frames)
      written.push(Date.now() - sentAt);
      response.end('ok');
    });
  } else if (request.url === '/written') {
    response.end(JSON.stringify(written));
  } else if (request.url === '/heap') {
    global.gc();
    response.end(String(process.memoryUsage().heapUsed));
  } else {
    response.statusCode = 404;
    response.end();
  }
}).listen(controlPort, '127.0.0.1');
