"""Comprehensions whose calls have effects: no fix may make them lazy.

`memwise check --fix --unsafe-fixes --select ALL` must leave this file as it is
(tests/fix_safety.rs).
"""
import asyncio


def submit_all(pool, work, xs):
    futures = [pool.submit(work, x) for x in xs]
    for future in futures:
        print(future.result())


async def schedule_all(coros):
    tasks = [asyncio.ensure_future(c) for c in coros]
    for task in tasks:
        await task


def connect_all(canvas, events, handler, loop):
    cids = [canvas.mpl_connect(e, handler) for e in events]
    loop.run()
    for cid in cids:
        canvas.mpl_disconnect(cid)


def read_before_close(conns):
    records = [c.record for c in conns]
    for c in conns:
        c.close()
    for record in records:
        print(record)


def validate_all(forms):
    return all([form.is_valid() for form in forms])


def take(it, n):
    try:
        return tuple([next(it) for _ in range(n)])
    except StopIteration:
        return ()


def _started(pool, work, xs):
    return [pool.submit(work, x) for x in xs]


def wait_all(pool, work, xs):
    for future in _started(pool, work, xs):
        future.result()
