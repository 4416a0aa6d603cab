// Echo server of the echo benchmark on Node's `net` module.
//
// Each socket echoes every chunk it receives. When write() returns false (the kernel's buffer
// and Node's are full) the socket stops reading until 'drain', so that a slow reader cannot make
// the server buffer without bound. At end of stream the socket ends too.
//
//     node node_echo.js [--host 127.0.0.1] [--port 0]
//
// Prints one line "LISTENING <port>" once it accepts connections (with --port 0 the port the
// system chose), then serves until killed.
'use strict';

const net = require('net');

function parse(argv) {
  const opts = { host: '127.0.0.1', port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '--port' || a === '--host') && i + 1 < argv.length) {
      opts[a.slice(2)] = a === '--port' ? Number(argv[++i]) : argv[++i];
    } else {
      process.stderr.write(`unknown option: ${a}\nusage: node node_echo.js [--host H] [--port P]\n`);
      process.exit(2);
    }
  }
  return opts;
}

const opts = parse(process.argv.slice(2));

const server = net.createServer({ noDelay: true }, (socket) => {
  socket.setNoDelay(true);
  socket.on('data', (data) => {
    if (!socket.write(data)) {
      socket.pause();
    }
  });
  socket.on('drain', () => socket.resume());
  socket.on('end', () => socket.end());
  socket.on('error', () => socket.destroy());
});

server.listen({ host: opts.host, port: opts.port, backlog: 1024 }, () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => process.exit(0));
}
