"""The signed archive: written, and checked as it is read (see the package)."""

import hashlib
import hmac
import io
import json
import os
import tarfile
import zlib
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.utils.crypto import salted_hmac

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
# 1: unsigned, checksums only (before issue 14); 2: signed, sizes too.
FORMAT = 2
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MIN_KEY_LENGTH = 32
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
BLOCK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def file_entry(path):
    """What the manifest says of a file: its size and SHA-256."""
    return {"size": Path(path).stat().st_size, "sha256": sha256(path)}


def signing_key():
    """The key backups are signed and checked with.

    BACKUP_SIGNING_KEY when set (at least MIN_KEY_LENGTH characters). Without
    it the demo and development derive one from SECRET_KEY
    (BACKUP_KEY_FROM_SECRET_KEY), so `make backup` works as it comes and
    restores on the same installation; production does not, and neither makes
    nor restores a backup: a key derived from SECRET_KEY would be lost with a
    rotated SECRET_KEY, taking every backup with it.
    """
    key = getattr(settings, "BACKUP_SIGNING_KEY", "")
    if key:
        if len(key) < MIN_KEY_LENGTH:
            raise BackupError(
                f"BACKUP_SIGNING_KEY is too short ({len(key)} characters): use "
                f"at least {MIN_KEY_LENGTH} random ones, for example the output "
                "of: python3 -c 'import secrets; print(secrets.token_urlsafe(48))'. "
                "Nothing was changed."
            )
        return key.encode()
    if getattr(settings, "BACKUP_KEY_FROM_SECRET_KEY", False) and settings.SECRET_KEY:
        return salted_hmac(
            "operations.backups.signing_key", "", algorithm="sha256"
        ).digest()
    raise BackupError(
        "Set BACKUP_SIGNING_KEY: backups are signed with it, and production "
        "neither makes nor restores one without it. Use a long random value, "
        "for example the output of: python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(48))', kept with the credentials of the "
        "backups (not in them) and set wherever they are made or restored. "
        "Nothing was changed."
    )


def sign(manifest_bytes, key):
    """The HMAC-SHA256 of the manifest's bytes, in hexadecimal
    (`openssl dgst -sha256 -hmac "$BACKUP_SIGNING_KEY" manifest.json`)."""
    return hmac.new(key, manifest_bytes, hashlib.sha256).hexdigest()


def write_archive(archive, manifest, sources, key):
    """The manifest, its signature, then each of ``sources`` (names in the
    archive to paths), checked against the manifest as they are added: a file
    that changed since it was measured fails the backup, which would not
    restore."""
    body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
    signature = (sign(body, key) + "\n").encode()
    archive = Path(archive)
    # Readable by its owner only: it holds the users' password hashes.
    partial = archive.with_name(archive.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with (
            os.fdopen(descriptor, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w:gz") as tar,
        ):
            _add_bytes(tar, MANIFEST, body)
            _add_bytes(tar, SIGNATURE, signature)
            for name, path in sources.items():
                _add_file(tar, name, path, manifest["files"][name])
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, archive)


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


class _Hashing:
    """A file read through, hashed as tarfile copies it."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _add_file(tar, name, path, entry):
    changed = BackupError(
        f"{path} changed while the backup was being made; run it again."
    )
    info = tar.gettarinfo(path, arcname=name)
    if not info.isreg() or info.size != entry["size"]:
        raise changed
    with open(path, "rb") as file:
        reader = _Hashing(file)
        try:
            tar.addfile(info, reader)
        except OSError as error:  # shorter than it was
            raise changed from error
    if reader.digest.hexdigest() != entry["sha256"]:
        raise changed


def _invalid(archive, reason):
    return BackupError(
        f"{archive} is not a usable backup archive: {reason}. Nothing was changed."
    )


def _check_manifest(archive, manifest):
    if not isinstance(manifest, dict):
        raise _invalid(archive, "manifest.json is not an object")
    missing = {
        "format",
        "created",
        "engine",
        "database",
        "migrations",
        "media",
        "files",
    } - manifest.keys()
    if missing:
        raise _invalid(archive, f"manifest.json lacks {', '.join(sorted(missing))}")
    if manifest["format"] != FORMAT:
        raise _invalid(archive, f"unknown archive format {manifest['format']!r}")
    if manifest["engine"] not in DUMPS or manifest["database"] != DUMPS.get(
        manifest["engine"]
    ):
        raise _invalid(archive, f"unknown database engine {manifest['engine']!r}")
    files = manifest["files"]
    if not isinstance(files, dict) or manifest["database"] not in files:
        raise _invalid(archive, "manifest.json lists no database")
    for name, entry in files.items():
        if not _safe_name(name, manifest["database"]):
            raise _invalid(archive, f"manifest.json names an unexpected file {name!r}")
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("size"), int)
            and entry["size"] >= 0
            and isinstance(entry.get("sha256"), str)
            and len(entry["sha256"]) == 64
        ):
            raise _invalid(archive, f"manifest.json has no size and SHA-256 of {name}")


def _safe_name(name, database):
    """The database, or a file under media/: a relative POSIX path with no
    empty, ``.`` or ``..`` part, no backslash and no NUL."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return False
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    return name == database or (parts[0] == "media" and len(parts) > 1)


def _member_kind(member):
    """What a member is, if not a regular file."""
    if member.isreg():
        return None
    if member.issym():
        return "symbolic link"
    if member.islnk():
        return "hard link"
    if member.isdir():
        return "folder"
    if member.ischr() or member.isblk():
        return "device"
    if member.isfifo():
        return "pipe"
    return "special file"


def _read_small(archive, tar, member, name, limit):
    """The bytes of ``member``, which must be the regular file ``name``."""
    if member is None or member.name != name:
        if name == SIGNATURE:
            raise _invalid(
                archive,
                f"it is not signed (no {SIGNATURE} after its manifest; archives "
                "made before backups were signed cannot be restored)",
            )
        raise _invalid(archive, f"it does not start with {name}")
    if not member.isreg() or member.size > limit:
        raise _invalid(archive, f"its {name} is not a file of at most {limit} bytes")
    return tar.extractfile(member).read()


def _unpack(archive, tar, member, target, entry):
    """Copy ``member`` to ``target``, checking its checksum as it is read."""
    target.parent.mkdir(parents=True, exist_ok=True)
    source = tar.extractfile(member)
    digest = hashlib.sha256()
    with open(target, "xb") as copy:
        for block in iter(lambda: source.read(BLOCK), b""):
            digest.update(block)
            copy.write(block)
    if not hmac.compare_digest(digest.hexdigest(), entry["sha256"]):
        raise _invalid(archive, f"the checksum of {member.name} does not match")


def open_backup(archive, work):
    """Check ``archive`` as it is read, unpacking it into the folder ``work``
    (empty, of the caller's own): its signature, then each member against the
    signed manifest, then that none is missing. Returns the manifest; raises
    BackupError otherwise, having written nothing outside ``work``."""
    key = signing_key()
    archive = Path(archive)
    work = Path(work)
    if not archive.is_file():
        raise BackupError(f"No backup archive at {archive}. Nothing was changed.")
    try:
        with tarfile.open(archive, "r|gz") as tar:
            members = iter(tar)
            body = _read_small(
                archive, tar, next(members, None), MANIFEST, MAX_MANIFEST_BYTES
            )
            signature = _read_small(archive, tar, next(members, None), SIGNATURE, 1024)
            expected = sign(body, key).encode()
            if not hmac.compare_digest(signature.strip(), expected):
                raise _invalid(
                    archive,
                    "its signature does not match its manifest: the archive was "
                    "changed after it was made, or signed with another key than "
                    "this site's BACKUP_SIGNING_KEY",
                )
            try:
                manifest = json.loads(body)
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise _invalid(
                    archive, f"manifest.json is not valid JSON ({error})"
                ) from error
            _check_manifest(archive, manifest)

            files = manifest["files"]
            seen = set()
            for member in members:
                name = member.name
                if name not in files:
                    raise _invalid(
                        archive, f"it holds {name!r}, which its manifest does not list"
                    )
                if name in seen:
                    raise _invalid(archive, f"it holds {name!r} twice")
                seen.add(name)
                kind = _member_kind(member)
                if kind:
                    raise _invalid(archive, f"{name!r} is a {kind}, not a file")
                if member.size != files[name]["size"]:
                    raise _invalid(
                        archive,
                        f"{name!r} is {member.size} bytes, its manifest says "
                        f"{files[name]['size']}",
                    )
                _unpack(archive, tar, member, work / name, files[name])
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as error:
        raise _invalid(archive, f"it cannot be read ({error})") from error

    missing = sorted(set(files) - seen)
    if missing:
        raise _invalid(archive, f"files are missing: {', '.join(missing[:5])}")
    return manifest
