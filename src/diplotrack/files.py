"""Files you can trust: where output may go, how it replaces a file, how input is opened.

* An output is checked before any work: never the input itself, never a directory, a
  device, a FIFO or a read-only file, and its folder a folder one may write to (missing
  folders are made). A symbolic link is followed to the regular file it names, and that
  file is replaced, the link kept.
* An output is written to a temporary file beside its target and moved into place only
  when complete; the target keeps its permission bits (a new file gets the umask's
  default). Ctrl-C, SIGTERM and SIGHUP remove the temporary file.
* Compression follows the output's suffix (``.gz``, ``.bz2``, ``.xz``, ``.zst``) and the
  input's first bytes; ``-`` stands for standard input or output.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import os
import signal
import stat
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "STDIO",
    "BatchInputError",
    "InputStream",
    "OutputKind",
    "Terminated",
    "atomic_output",
    "check_destination",
    "check_name_length",
    "check_output_folder",
    "compressed_writer",
    "folder_errors",
    "is_parquet",
    "new_mode",
    "open_input",
    "output_kind",
    "terminate_as_interrupt",
]

#: The file name that stands for standard input (as a source) or output (as a destination).
STDIO = "-"

_COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
# Files that are no table of text: named, so that they are never read as one.
_EXPORT = "export the sheet as CSV (in Excel: Save As, 'CSV UTF-8')"
_NOT_TEXT = (
    (
        b"PK\x03\x04",
        "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook is one)",
        f"{_EXPORT}, or unzip the archive and give the CSV inside it",
    ),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 (.xls) workbook or another OLE file", _EXPORT),
    (b"%PDF", "a PDF document", "copy its table into a spreadsheet and save that as CSV"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "give the CSV file itself"),
    (b"\xff\xd8\xff", "a JPEG image", "give the CSV file itself"),
    (b"GIF8", "a GIF image", "give the CSV file itself"),
    # A web page saved in place of the download (a login or error page): its first bytes.
    *(
        (opening, "a web page (HTML)", "download the CSV again, signed in if the site needs it")
        for opening in (b"<!DOCTYP", b"<!doctyp", b"<html", b"<HTML")
    ),
    # A parquet file given by its path never gets here (is_parquet reads it as parquet); one
    # piped in cannot be read: its index is at its end, and a stream is read from the start.
    (
        b"PAR1",
        "a parquet file",
        "give its path instead of piping it (diplotrack label cases.parquet -o labelled.parquet); "
        "a parquet file is read from a file, not from a stream",
    ),
)
_TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t"}
_PARQUET_SUFFIXES = (".parquet", ".pq")


class BatchInputError(ValueError):
    """An input or output that cannot be used as given (missing column, unreadable file,
    an output that would destroy something); the message says what to do."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP received: raised like Ctrl-C so that clean-up code runs."""

    def __init__(self, signum: int):
        super().__init__(f"terminated by signal {signum}")
        self.signum = signum


def _raise_terminated(signum, frame):
    raise Terminated(signum)


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within this block, SIGTERM and SIGHUP raise :class:`Terminated` (a ``KeyboardInterrupt``).

    Their default action kills the process at once, leaving temporary files behind;
    raising lets ``finally`` blocks clean up, as on Ctrl-C. Only signals left at their
    default action are taken over, and only in the main thread; the previous handlers are
    restored on leaving.

    Examples
    --------
    >>> with terminate_as_interrupt():
    ...     pass
    """
    installed = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
                installed[signum] = signal.signal(signum, _raise_terminated)
    try:
        yield
    finally:
        for signum, previous in installed.items():
            signal.signal(signum, previous)


@dataclass(frozen=True)
class OutputKind:
    """What an output's name asks for: a table format, a compression, a default separator."""

    format: str  # "csv" or "parquet"
    compression: str | None = None
    sep: str = ","


def output_kind(destination: str | os.PathLike) -> OutputKind:
    """The format an output name asks for, by its suffix; an unknown suffix is an error.

    Examples
    --------
    >>> output_kind("labelled.csv.gz")
    OutputKind(format='csv', compression='gzip', sep=',')
    >>> output_kind("labelled.parquet").format
    'parquet'
    >>> output_kind("labelled.xlsx")
    Traceback (most recent call last):
    ...
    diplotrack.files.BatchInputError: Invalid output name 'labelled.xlsx': ...
    """
    if str(destination) == STDIO:
        return OutputKind("csv")
    if os.path.isdir(destination):
        raise BatchInputError(
            f"Refusing to write to {str(destination)!r}: it is a directory. Give the path of a file "
            f"(-o {os.path.join(str(destination), 'labelled.csv')}), or '-' for standard output."
        )
    name = Path(destination).name.lower()
    compression = None
    for suffix, kind in _COMPRESSIONS.items():
        if name.endswith(suffix):
            compression, name = kind, name[: -len(suffix)]
            break
    if compression is None and name.endswith(_PARQUET_SUFFIXES):
        return OutputKind("parquet")
    for suffix, sep in _TABLE_SUFFIXES.items():
        if name.endswith(suffix):
            return OutputKind("csv", compression, sep)
    allowed = ", ".join([*_TABLE_SUFFIXES, *_PARQUET_SUFFIXES])
    raise BatchInputError(
        f"Invalid output name {str(destination)!r}: expected a name ending in one of {allowed} "
        f"(CSV optionally compressed: {', '.join(_COMPRESSIONS)}), or '-' for standard output."
    )


#: What an error met while reading says of the output: true of a file, which is replaced only
#: when complete; of standard output, the caller says how many rows went there already.
NOTHING_WRITTEN = "nothing was written"


def _describe(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None if stat.S_ISREG(mode) else "not a regular file"


#: What the temporary file of an output adds to its name: ``.{name}.XXXXXXXX.part``.
_TEMP_NAME = (len("."), len(".") + 8 + len(".part"))


def _name_max(folder: Path) -> int:
    """The longest file name, in bytes, that ``folder`` (or the nearest folder above it that
    exists) takes; 255 where that cannot be asked."""
    pathconf = getattr(os, "pathconf", None)
    while pathconf is not None:
        try:
            return pathconf(folder, "PC_NAME_MAX")
        except (OSError, ValueError):
            if folder == folder.parent:
                break
            folder = folder.parent
    return 255


def check_name_length(
    destination: str | os.PathLike, file: Path | None = None, *, side: str | None = None
) -> None:
    """Refuse, before any work, an output whose name is too long for the files written for it:
    the file (``file``, by default ``destination``), written to a temporary file named
    ``.{name}.XXXXXXXX.part`` beside it, must fit the folder's longest name. ``side`` says
    what ``file`` is to ``destination`` ("its provenance file, ..."), for a file written beside
    it: the error then asks for a shorter name of ``destination``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_name_length(folder / "labelled.csv")
    >>> check_name_length(folder / ("o" * 246 + ".csv"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    diplotrack.files.BatchInputError: Refusing to write to '...': its name is too long ...
    """
    if str(destination) == STDIO:
        return
    file = Path(destination) if file is None else file
    limit = _name_max(file.parent)
    length = len(os.fsencode(file.name))
    longest = length + sum(_TEMP_NAME)
    if longest <= limit:
        return
    over = longest - limit
    given = len(os.fsencode(Path(destination).name))
    own = Path(destination).name
    if side is None:
        subject = "It"
    elif file.name.startswith(own):
        subject = f"{side[0].upper()}{side[1:]} (its name + {file.name.removeprefix(own)!r})"
    else:
        subject = f"{side[0].upper()}{side[1:]} ({_short(file.name)!r})"
    raise BatchInputError(
        f"Refusing to write to {_short(destination)!r}: its name is too long ({given} bytes). "
        f"{subject} is written first to a temporary file beside it ('.' + that name + "
        f"'.XXXXXXXX.part'), a name of {longest} bytes, longer than the {limit} bytes a file "
        f"name may have in that folder. Choose an output name of at most {given - over} bytes."
    )


def _short(path: str | os.PathLike, limit: int = 60) -> str:
    """``path`` as given, its middle cut out when it is longer than ``limit`` characters."""
    text = str(path)
    return text if len(text) <= limit else f"{text[: limit // 2 - 1]}…{text[-(limit // 2) :]}"


def refuse_empty_path(path: Any, what: str = "input") -> None:
    """Refuse an empty path: ``Path("")`` is the current folder, so an unset shell variable
    (``diplotrack label "$IN" ...``) would read or write whatever happens to be there.

    >>> refuse_empty_path("", "input")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    diplotrack.files.BatchInputError: The input path is empty: give the path of a file ...
    """
    if isinstance(path, str | os.PathLike) and not os.fspath(path).strip():
        raise BatchInputError(
            f"The {what} path is empty: give the path of a file (or '-' for standard input or "
            "output); an unset shell variable gives an empty one."
        )


def check_destination(
    destination: str | os.PathLike,
    sources: Sequence[str | os.PathLike] = (),
    *,
    stdio: bool = True,
) -> Path | None:
    """Check that ``destination`` may be replaced; return the regular file to write.

    Returns ``None`` for ``-`` (standard output) when ``stdio`` is true; when it is false
    (an output that must be a file, such as a saved model), ``-`` is refused. A symbolic
    link is followed: the file it names is returned, so the link survives the replacement.

    Raises
    ------
    BatchInputError
        If the destination is one of ``sources`` or inside a source that is a folder (a
        parquet dataset), a directory, a device, a FIFO, a socket or a read-only file, ``-``
        when ``stdio`` is false or when standard output is redirected to a source, or a new
        file whose folder cannot be written or made (:func:`check_output_folder`).

    Examples
    --------
    >>> check_destination("-") is None
    True
    """
    refuse_empty_path(destination, "output")
    if str(destination) == STDIO:
        if stdio:
            _check_stdout(sources)
            return None
        raise BatchInputError(
            "Refusing to write to '-': this output is a file that cannot be sent to standard "
            "output. Give the path of a file to write."
        )
    path = Path(destination)
    target = Path(os.path.realpath(path))
    check_name_length(destination, target if target.name != path.name else None)
    for source in sources:
        folder = os.path.realpath(source) if str(source) != STDIO else None
        if folder is not None and os.path.isdir(folder) and os.path.commonpath([folder, target]) == folder:
            raise BatchInputError(
                f"Refusing to write to {str(destination)!r}: it is inside the input folder "
                f"{str(source)!r}, which is read as one table, so the output would replace or "
                "join its data. Choose an output outside the folder."
            )
    try:
        st = os.stat(target)
    except OSError:  # no such file yet (or a folder on its way that is not one): a new output
        check_output_folder(destination)
        return target
    what = _describe(st.st_mode)
    if what is not None:
        raise BatchInputError(
            f"Refusing to write to {str(destination)!r}: it is {what}. Give the path of a "
            "regular file" + (" (or '-' for standard output)." if stdio else ".")
        )
    for source in sources:
        if str(source) == STDIO:
            continue
        with contextlib.suppress(OSError):
            if os.path.samefile(source, target):
                raise BatchInputError(
                    f"Refusing to write to {str(destination)!r}: it is the input file "
                    f"{str(source)!r}, which would be destroyed. Choose another output name."
                )
    if not (st.st_mode & 0o222) or not os.access(target, os.W_OK):
        raise BatchInputError(
            f"Refusing to write to {str(destination)!r}: the file is read-only. Make it "
            "writable, or choose another output name."
        )
    return target


def _check_stdout(sources: Sequence[str | os.PathLike]) -> None:
    """Refuse standard output redirected to one of ``sources`` (``> cases.csv`` has the shell
    empty the input before the run starts; ``>> cases.csv`` would append to it)."""
    try:
        out = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real file behind it (a test's capture)
        return
    if not stat.S_ISREG(out.st_mode):
        return
    for source in sources:
        if str(source) == STDIO:
            continue
        with contextlib.suppress(OSError):
            st = os.stat(source)
            if (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino):
                raise BatchInputError(
                    f"Refusing to write to standard output: it is redirected to the input file "
                    f"{str(source)!r} (with '>' the shell has already emptied it, with '>>' the "
                    "output would be appended to it). Write to another file, with -o PATH or a "
                    "redirection to another name."
                )


def check_output_folder(destination: str | os.PathLike) -> None:
    """Check that a new output ``destination`` can be made: its folder, or the nearest of the
    folders above it that exists (missing folders are created), is a folder and writable.
    The error names the folder as it was given.

    Raises
    ------
    BatchInputError
        If that path is a file (or anything but a folder), or the folder is not writable.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "cases.csv").write_text("description\\n")
    12
    >>> check_output_folder(folder / "new" / "labelled.csv")  # "new" will be created
    >>> check_output_folder(folder / "cases.csv" / "labelled.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    diplotrack.files.BatchInputError: Cannot write to '...': its folder '...cases.csv' is a file, ...
    """
    given = Path(destination).parent
    existing = given
    while True:
        try:
            st = os.stat(existing)
            break
        except (FileNotFoundError, NotADirectoryError):
            if existing == existing.parent:
                return  # nothing above it exists: left to the write to report
            existing = existing.parent
        except OSError as exc:  # a folder on the way that may not be entered, a link loop
            raise BatchInputError(
                f"Cannot write to {str(destination)!r}: its folder {str(given)!r} cannot be reached "
                f"({exc.strerror}). Choose an output path in a folder you can write to."
            ) from None
    where = f"its folder {str(given)!r}" + (
        "" if existing == given else f" cannot be made: {str(existing)!r}"
    )
    if not stat.S_ISDIR(st.st_mode):
        what = "a file" if stat.S_ISREG(st.st_mode) else _describe(st.st_mode)
        raise BatchInputError(
            f"Cannot write to {str(destination)!r}: {where} is {what}, not a folder. "
            "Choose an output path in a folder."
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise BatchInputError(
            f"Cannot write to {str(destination)!r}: {where}{'' if existing == given else ' above it'} is "
            "not writable. Choose an output path in a folder you can write to, or make it writable."
        )


@contextlib.contextmanager
def folder_errors(target: Path) -> Iterator[None]:
    """Errors making ``target``'s folder or a temporary file in it, as a ``BatchInputError``
    naming the output and its folder, not the temporary file (which never existed)."""
    try:
        yield
    except OSError as exc:
        if isinstance(exc, (FileExistsError, NotADirectoryError)):
            check_output_folder(target)  # a file where a folder should be: said so, by name
        reason = exc.strerror or type(exc).__name__
        done = "written to" if target.parent.is_dir() else "made"
        raise BatchInputError(
            f"Cannot write to {str(target)!r}: its folder {str(target.parent)!r} cannot be {done} "
            f"({reason}). Choose an output path in a folder you can write to."
        ) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_mode(*, directory: bool = False) -> int:
    """The permission bits ``open`` (``0o666``) or ``mkdir`` (``0o777``) gives a new file or
    directory under the current umask: for a temporary file or directory made private by
    :mod:`tempfile` (``0o600``, ``0o700``) before it is renamed into place.

    Examples
    --------
    >>> import os
    >>> old = os.umask(0o027)
    >>> oct(new_mode()), oct(new_mode(directory=True))
    ('0o640', '0o750')
    >>> _ = os.umask(old)
    """
    return (0o777 if directory else 0o666) & ~_umask()


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces ``target`` only when the block ends without error.

    The data go to a temporary file beside ``target``; on success it gets ``target``'s
    permission bits (or the umask's default for a new file) and is renamed over it. On
    any error, Ctrl-C, SIGTERM or SIGHUP the temporary file is removed and ``target`` is
    left as it was.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> with atomic_output(out) as f:
    ...     _ = f.write(b"description\\n")
    >>> out.read_bytes()
    b'description\\n'
    """
    with folder_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
    with terminate_as_interrupt():
        with folder_errors(target):
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
            try:
                mode = stat.S_IMODE(os.stat(target).st_mode)
            except FileNotFoundError:
                mode = new_mode()
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def compressed_writer(binary: BinaryIO, compression: str | None) -> BinaryIO:
    """A binary stream compressing into ``binary`` (left open when it is closed)."""
    if compression is None:
        return _Unclosing(binary)
    if compression == "gzip":
        return gzip.GzipFile(fileobj=binary, mode="wb", mtime=0)  # mtime 0: same input, same bytes
    if compression == "bz2":
        return bz2.BZ2File(binary, "wb")
    if compression == "xz":
        return lzma.LZMAFile(binary, "wb")
    return _zstd().ZstdCompressor().stream_writer(binary, closefd=False)


def _zstd():
    try:
        import zstandard
    except ImportError as exc:
        raise BatchInputError(
            "Reading or writing .zst files needs the zstandard package: pip install 'diplotrack[zstd]'."
        ) from exc
    return zstandard


class _ZstdReader(io.RawIOBase):
    """A zstd stream decompressed frame by frame. Input that ends inside a frame is an
    ``EOFError``, as gzip, bz2 and xz report it, not a silent end of the data."""

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._new_frame()
        self._pending = b""

    def _new_frame(self) -> None:
        self._frame = _zstd().ZstdDecompressor().decompressobj()
        self._fed = False

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._pending:
            data = self._raw.read(1 << 16)
            if not data:
                if self._fed and not self._frame.eof:
                    raise EOFError("Compressed file ended before the end-of-stream marker was reached")
                return 0
            out = []
            while data:
                if self._frame.eof:
                    self._new_frame()  # the next frame of a file of several
                out.append(self._frame.decompress(data))
                self._fed = True
                data = self._frame.unused_data if self._frame.eof else b""
            self._pending = b"".join(out)
        n = min(len(b), len(self._pending))
        b[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class _Unclosing(io.RawIOBase):
    """Writes through to a stream without closing it."""

    def __init__(self, raw: BinaryIO):
        self._raw = raw

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        return self._raw.write(b)

    def flush(self) -> None:
        self._raw.flush()


@dataclass
class InputStream:
    """An opened input: its (decompressed) bytes and how far through the file we are."""

    stream: BinaryIO
    name: str
    compression: str | None
    size: int | None  # bytes on disk, None for a pipe
    _raw: BinaryIO | None = None  # the file on disk, None for standard input (never closed)

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` (decompressed) bytes; a corrupt or truncated compressed file is a
        :class:`BatchInputError` that names it, never a partial read taken for the whole."""
        if self.compression is None:
            return self.stream.read(size)
        try:
            return self.stream.read(size)
        except (EOFError, OSError, zlib.error, lzma.LZMAError) as exc:
            raise self._corrupt(exc) from None
        except Exception as exc:  # zstandard's own error class, imported only when needed
            if self.compression == "zstd" and isinstance(exc, _zstd().ZstdError):
                raise self._corrupt(exc) from None
            raise

    def _corrupt(self, exc: Exception) -> BatchInputError:
        return BatchInputError(
            f"Input {self.name} is a corrupt or truncated {self.compression} file ({exc}): "
            f"{NOTHING_WRITTEN}. Check the file (copy or download it again) or compress it again."
        )

    def fraction_read(self) -> float | None:
        """Share of the file read so far (of its bytes on disk), or None when unknown."""
        if not self.size or self._raw is None:
            return None
        try:
            return min(self._raw.tell() / self.size, 1.0)
        except (OSError, ValueError):
            return None

    def close(self) -> None:
        if self._raw is not None:
            self.stream.close()
            self._raw.close()


def _sniff(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def is_parquet(source: str | os.PathLike) -> bool:
    """True for a parquet file (by its magic bytes) or a directory holding parquet files
    (any other directory is refused by :func:`open_input` with a message that says so)."""
    if str(source) == STDIO:
        return False
    path = Path(source)
    if path.is_dir():
        # Any suffix Dask and Spark write ("part.0.parquet", "part.0.pq", "part-0.parq").
        return any(p.suffix.lower() in (".parquet", ".pq", ".parq") for p in path.rglob("*"))
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a pipe (`<(...)`) would be consumed by looking: it is read as CSV
        with open(path, "rb") as f:
            return f.read(4) == b"PAR1"
    except OSError:
        return False


class _TeeReader(io.RawIOBase):
    """Bytes read from ``source``, each also written to ``copy``: standard input or a pipe,
    which cannot be read twice, kept where it can be read again."""

    def __init__(self, source: BinaryIO, copy: BinaryIO, *, owns_source: bool = False):
        self._source, self._copy, self._owns = source, copy, owns_source

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if self._owns and not self.closed:
            self._source.close()
        super().close()

    def readinto(self, buffer) -> int:
        read = self._source.read1 if hasattr(self._source, "read1") else self._source.read
        data = read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._copy.write(data)
        return n


def is_rereadable(source: str | os.PathLike) -> bool:
    """Whether ``source`` can be read a second time: a regular file, not standard input or a
    pipe (``<(...)``, a FIFO)."""
    if str(source) == STDIO:
        return False
    try:
        return stat.S_ISREG(os.stat(source).st_mode)
    except OSError:
        return True  # a missing path: open_input names the mistake


def open_input(source: str | os.PathLike, copy: BinaryIO | None = None) -> InputStream:
    """Open a file (or ``-``, standard input) for reading, decompressing it if its first
    bytes say it is gzip, bz2, xz or zstd compressed. With ``copy``, the raw bytes of a
    source that cannot be read twice (standard input, a pipe) are also written there, as they
    are read.

    Raises
    ------
    BatchInputError
        If the file does not exist or is a directory.
    """
    if str(source) == STDIO:
        raw, size, name = sys.stdin.buffer, None, "standard input"
        if copy is not None:
            raw = io.BufferedReader(_TeeReader(raw, copy))
        buffered = raw if hasattr(raw, "peek") else io.BufferedReader(raw)
    else:
        path = Path(source)
        name = repr(str(source))
        if not path.exists():
            raise BatchInputError(f"Input file not found: {str(source)!r}. Check the path.")
        if path.is_dir():
            raise BatchInputError(
                f"Input {str(source)!r} is a directory: expected a CSV or parquet file, or a "
                "folder of parquet files, and it holds no file named *.parquet. Label the CSV "
                "files of a folder one by one, or join them into one CSV first."
            )
        buffered = open(path, "rb")  # noqa: SIM115 - closed by InputStream.close
        raw = buffered
        st = os.fstat(buffered.fileno())
        size = st.st_size if stat.S_ISREG(st.st_mode) else None
        if copy is not None and size is None:
            buffered = io.BufferedReader(_TeeReader(buffered, copy, owns_source=True))
    head = buffered.peek(8)[:8]
    for magic, what, advice in _NOT_TEXT:
        if head.startswith(magic):
            if str(source) != STDIO:
                buffered.close()
            raise BatchInputError(f"Input {name} is {what}, not a CSV file: {advice}.")
    kind = _sniff(head)
    if kind is None:
        stream: BinaryIO = buffered
    elif kind == "gzip":
        stream = gzip.GzipFile(fileobj=buffered, mode="rb")
    elif kind == "bz2":
        stream = bz2.BZ2File(buffered, "rb")
    elif kind == "xz":
        stream = lzma.LZMAFile(buffered, "rb")
    else:
        stream = io.BufferedReader(_ZstdReader(buffered))
    keep = None if str(source) == STDIO else raw
    return InputStream(stream, name, kind, size, keep)
