#!/usr/bin/env python3
"""An HTTP target for the benchmarks: answers 200 "ok" after a set delay, many connections at once.

Usage: target-server.py PORT DELAY_MS
"""
import asyncio
import sys

PORT = int(sys.argv[1])
DELAY = int(sys.argv[2]) / 1000.0
RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"


async def answer(reader, writer):
    try:
        while (await reader.readline()) not in (b"\r\n", b"\n", b""):
            pass  # the request's head; its body (none for a check) is not read
        if DELAY:
            await asyncio.sleep(DELAY)
        writer.write(RESPONSE)
        await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(answer, "127.0.0.1", PORT, backlog=4096)
    async with server:
        await server.serve_forever()


asyncio.run(main())
