"""A progress bar on standard error: rows done, rows per second and the time left.

tqdm draws it when installed (``pip install 'diplotrack[progress]'``); otherwise a one-line
bar of our own. Nothing is ever written to standard output.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

__all__ = ["Progress"]


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class Progress:
    """Report rows done; the total is re-estimated as the input is read.

    Parameters
    ----------
    enabled : bool
        Draw the bar at all (the command line enables it when standard error is a
        terminal and ``--quiet`` is not given).
    total : int, optional
        Rows expected, when known (a parquet file's row count, a CSV's estimate).
    stream : file, optional
        Where to draw; standard error by default.
    use_tqdm : bool
        Use tqdm when it is installed.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> bar = Progress(True, total=1000, stream=out, use_tqdm=False)
    >>> bar.update(400, fraction=0.4)
    >>> bar.close()
    >>> "400 / 1,000 rows" in out.getvalue() and "rows/s" in out.getvalue()
    True
    """

    def __init__(
        self, enabled: bool, *, total: int | None = None, stream: TextIO | None = None, use_tqdm: bool = True
    ):
        self.enabled = enabled
        self.total = total
        self.done = 0
        self._stream = stream if stream is not None else sys.stderr
        self._start = time.monotonic()
        self._last = 0.0
        self._bar = None
        if enabled and use_tqdm:
            try:
                from tqdm import tqdm
            except ImportError:
                pass
            else:
                # A terminal that reports no size (a bare pty, 0 x 0) would get an empty bar,
                # or none at all for want of rows.
                size = shutil.get_terminal_size((100, 24))
                self._bar = tqdm(
                    total=total,
                    unit=" rows",
                    file=self._stream,
                    ncols=size.columns or 100,
                    nrows=size.lines or 24,
                    leave=True,
                )

    def update(self, rows: int, *, fraction: float | None = None) -> None:
        """Count ``rows`` more rows done; ``fraction`` is the share of the input read so far."""
        self.done += rows
        if not self.enabled:
            return
        # The reader reads ahead (a small file is read whole to detect its encoding): a share
        # of 1 with rows still to label says nothing, and the first estimate stands.
        if fraction and 0 < fraction < 1:
            self.total = max(round(self.done / fraction), self.done)
        if self._bar is not None:
            if self.total is not None:
                self._bar.total = max(self.total, self.done)
            self._bar.update(rows)
            return
        now = time.monotonic()
        if now - self._last >= 0.5 or (self.total is not None and self.done >= self.total):
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self._start, 1e-9)
        rate = self.done / elapsed
        line = f"{self.done:,} rows"
        if self.total:
            total = max(self.total, self.done)
            left = (total - self.done) / rate if rate else 0.0
            line = f"{100 * self.done / total:3.0f}% {self.done:,} / {total:,} rows"
            line += f", {rate:,.0f} rows/s, {_duration(left)} left"
        else:
            line += f", {rate:,.0f} rows/s"
        self._stream.write("\r" + line + "   ")
        self._stream.flush()

    def close(self) -> None:
        """Finish the bar (the last line stays on the terminal)."""
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.total = self.done
            self._bar.refresh()
            self._bar.close()
            return
        self.total = self.done
        self._draw(time.monotonic())
        self._stream.write("\n")
        self._stream.flush()
