"""Echo server of the echo benchmark on Python asyncio streams, optionally on uvloop.

Each connection is served by one handler coroutine: read up to 102,400 bytes, write them back,
drain, until end of stream; then close. This is vmbench's asyncio "streams" echo server.

    python3 asyncio_echo.py [--host 127.0.0.1] [--port 0] [--uvloop]

Prints one line "LISTENING <port>" once it accepts connections (with --port 0 the port the system
chose), then serves until killed.
"""

import argparse
import asyncio
import signal
import socket
import sys

READ_BYTES = 102400


async def echo(reader, writer):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
    try:
        while True:
            data = await reader.read(READ_BYTES)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main(host, port):
    server = await asyncio.start_server(echo, host, port, backlog=1024)
    real_port = server.sockets[0].getsockname()[1]
    print(f"LISTENING {real_port}", flush=True)
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set_result, None)
    async with server:
        await stop


def parse():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--uvloop", action="store_true", help="run on uvloop's event loop")
    return p.parse_args()


if __name__ == "__main__":
    args = parse()
    if args.uvloop:
        import uvloop

        if hasattr(uvloop, "run"):
            uvloop.run(main(args.host, args.port))
        else:
            uvloop.install()
            asyncio.run(main(args.host, args.port))
    else:
        asyncio.run(main(args.host, args.port))
    sys.exit(0)
