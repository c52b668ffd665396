"""ZIP archives read as exports (Tellico's .tc, Letterboxd's export): a member that could
escape the archive or explode when unpacked is refused before anything is read."""

import zipfile
from pathlib import PurePosixPath

from .base import FormatError

MAX_MEMBER_SIZE = 512 * 1024 * 1024
MAX_RATIO = 200  # text compresses about 10:1; 200:1 on a large member is a zip bomb
RATIO_CHECKED_FROM = 1024 * 1024


def refuse_unsafe_members(archive: zipfile.ZipFile) -> None:
    """A FormatError naming the first member with an unsafe path, size or compression.

    zipfile stops at a member's declared size, so these checks bound what is unpacked."""
    for info in archive.infolist():
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in info.filename:
            raise FormatError(f"the archive holds a member with an unsafe path: {info.filename}")
        if info.file_size > MAX_MEMBER_SIZE:
            raise FormatError(
                f"the archive member {info.filename} would unpack to {info.file_size} bytes; "
                f"cinecat reads members up to {MAX_MEMBER_SIZE // 2**20} MiB"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise FormatError(
                f"the archive member {info.filename} is compressed {ratio:.0f}:1, "
                "too much for a real export"
            )
