#!/usr/bin/env python3
"""Holds every packet of one NFQUEUE queue for a fixed time, then accepts it.

Usage: netdelay.py QUEUE_NUM ONE_WAY_MS READY_FILE

Started by scripts/netdelay, which sends the lab's packets to the queue in both
directions, so that a round trip takes twice ONE_WAY_MS. Packets leave in the order they
arrived (a heap keyed by due time, then arrival). Writes READY_FILE once bound.
"""

import heapq
import select
import signal
import sys
import time

from netfilterqueue import NetfilterQueue


def main() -> int:
    queue, one_way_ms, ready = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    delay = one_way_ms / 1000.0
    held = []
    seq = 0

    def hold(pkt):
        nonlocal seq
        heapq.heappush(held, (time.monotonic() + delay, seq, pkt))
        seq += 1

    nfq = NetfilterQueue()
    # Room for every packet in flight during one delay.
    nfq.bind(queue, hold, max_len=65536)
    fd = nfq.get_fd()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    with open(ready, "w") as f:
        f.write("ready\n")
    try:
        while not stop:
            timeout = max(0.0, held[0][0] - time.monotonic()) if held else 0.5
            try:
                readable, _, _ = select.select([fd], [], [], timeout)
            except InterruptedError:
                continue
            if readable:
                nfq.run(block=False)
            now = time.monotonic()
            while held and held[0][0] <= now:
                heapq.heappop(held)[2].accept()
    finally:
        # Never strand a packet: let everything still held through at once.
        while held:
            heapq.heappop(held)[2].accept()
        nfq.unbind()
    return 0


if __name__ == "__main__":
    sys.exit(main())
