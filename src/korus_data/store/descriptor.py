"""What ``datapackage.json`` says, and whether the package's files match it."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from korus_data.errors import IntegrityError, UnknownTableError
from korus_data.schema.tables import DEFINED, TABLES
from korus_data.schema.to_frictionless import PROFILE, bytes_digest
from korus_data.store.files import file_problem, read_regular
from korus_data.store.paths import DESCRIPTOR_NAME, resolve_root

#: A descriptor nested deeper than this is refused (the package's own nests 7 deep).
MAX_DEPTH = 32


@functools.lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int, size: int) -> tuple[dict | None, list[str]]:
    problem = file_problem(path.parent, DESCRIPTOR_NAME)
    if problem:
        return None, [problem]
    try:
        data = read_regular(path.parent, DESCRIPTOR_NAME)
    except FileNotFoundError:
        return None, [f"{DESCRIPTOR_NAME} is missing"]
    except OSError as exc:
        return None, [f"{DESCRIPTOR_NAME} cannot be read ({type(exc).__name__}: {exc})"]
    return parsed_bytes(data)


def _too_deep(value: object) -> bool:
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            if level > MAX_DEPTH:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((v, level + 1) for v in children)
    return False


@functools.lru_cache(maxsize=8)
def parsed_bytes(data: bytes) -> tuple[dict | None, list[str]]:
    """The descriptor and its shape's problems, by content: copies of one package (an
    unpacked bundle, a staged build, the test suite's copies) parse and check it once."""
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except RecursionError:
        return None, [f"{DESCRIPTOR_NAME} nests deeper than {MAX_DEPTH} levels"]
    except (UnicodeDecodeError, ValueError) as exc:
        return None, [f"{DESCRIPTOR_NAME} is not valid JSON ({type(exc).__name__}: {exc})"]
    if _too_deep(descriptor):
        return None, [f"{DESCRIPTOR_NAME} nests deeper than {MAX_DEPTH} levels"]
    return descriptor, shape_problems(descriptor)


def shape_problems(descriptor: object) -> list[str]:
    """What is wrong with the shape of a descriptor: types, and resource paths that are not
    the package's own local files (a path is never fetched, only checked)."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [f"{DESCRIPTOR_NAME} has no list of resources"]
    problems = [
        f"{DESCRIPTOR_NAME}: {where} is a remote address; a data package is read from the local "
        "file system only"
        for where in remote_references(descriptor)
    ]
    for position, res in enumerate(descriptor["resources"]):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str):
            problems.append(f"{DESCRIPTOR_NAME}: resource {position} has no name")
            continue
        name, path = res["name"], res.get("path")
        expected = DEFINED[name].path if name in DEFINED else None
        if expected is None:
            problems.append(f"{DESCRIPTOR_NAME}: resource {name!r} is not a table of the package")
        elif path != expected:
            problems.append(
                f"{DESCRIPTOR_NAME}: resource {name!r} has path {path!r}; a resource is the "
                f"package's own local file {expected!r}, never an address or another file"
            )
        if not isinstance(res.get("hash"), str) or not isinstance(res.get("bytes"), int):
            problems.append(f"{DESCRIPTOR_NAME}: resource {name!r} lacks a hash or a size")
    return problems


#: Keys whose value a Frictionless reader would open: a file, a schema, a dialect, a profile.
READ_KEYS = {"path", "schema", "dialect", "$schema", "profile", "extrapaths"}


def remote_references(node: object, where: str = "") -> list[str]:
    """JSON paths of the descriptor where an address would make a reader fetch something
    (licences' and sources' ``path`` are documentation links, never read).

    Example:
        >>> remote_references({"resources": [{"path": "http://x/y.csv"}]})
        ['resources[0].path']
    """
    found = []
    if isinstance(node, dict):
        link = where.rsplit(".", 1)[-1].startswith(("licenses[", "sources["))
        for key, value in node.items():
            here = f"{where}.{key}" if where else key
            if key in READ_KEYS and not link and value != PROFILE and _addresses(value):
                found.append(here)
            elif isinstance(value, dict | list):
                found += remote_references(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += remote_references(value, f"{where}[{index}]")
    return found


def _addresses(value: object) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and "://" in v for v in values)


def descriptor_problems(root: str | Path | None = None) -> list[str]:
    """Why ``datapackage.json`` cannot be trusted (missing, not JSON, wrong shape), or []."""
    path = resolve_root(root) / DESCRIPTOR_NAME
    try:
        stat = path.lstat()
    except FileNotFoundError:
        return [f"{DESCRIPTOR_NAME} is missing"]
    return _parsed(path, stat.st_mtime_ns, stat.st_size)[1]


def read_descriptor(root: str | Path | None = None) -> dict:
    """The parsed ``datapackage.json`` (cached until the file changes); :class:`IntegrityError`
    with the reason when it is missing, not JSON or not shaped like the package's."""
    path = resolve_root(root) / DESCRIPTOR_NAME
    try:
        stat = path.lstat()
    except FileNotFoundError:
        stat = None
    descriptor, problems = (
        _parsed(path, stat.st_mtime_ns, stat.st_size) if stat else (None, [f"{path} is missing"])
    )
    if problems or descriptor is None:
        raise IntegrityError(
            f"{problems[0]}. The package is damaged: reinstall korus-data, or run "
            "`korus-data build --descriptor-only` in a checkout"
        )
    return descriptor


def resource_descriptor(name: str, root: str | Path | None = None) -> dict:
    """The descriptor of one resource; :class:`UnknownTableError` for an unknown name."""
    for res in read_descriptor(root)["resources"]:
        if res["name"] == name:
            return res
    if name in TABLES:
        raise IntegrityError(f"{DESCRIPTOR_NAME} has no resource {name!r}; the package is damaged")
    raise UnknownTableError.for_name(name, TABLES)


def integrity_problem(
    name: str,
    root: str | Path | None = None,
    data: bytes | None = None,
    digest: tuple[str, int] | None = None,
) -> str | None:
    """Why a table's file (or ``data``, its bytes already read, with their ``digest`` when
    already computed: ``bytes_digest(data)``) differs from its record.

    Returns None when the file matches the hash and size in ``datapackage.json``.
    """
    base = resolve_root(root)
    res = resource_descriptor(name, base)
    path = base / res["path"]
    if data is None:
        problem = file_problem(base, res["path"])
        if problem:
            return problem
        if not path.is_file():
            return f"{res['path']} is missing"
        data = read_regular(base, res["path"])
    recorded_hash, size = digest or bytes_digest(data)
    if size != res["bytes"]:
        return f"{res['path']} has {size} bytes; datapackage.json records {res['bytes']}"
    if recorded_hash != res["hash"]:
        return f"{res['path']} has hash {recorded_hash}; datapackage.json records {res['hash']}"
    return None


def check_integrity(name: str, root: str | Path | None = None, data: bytes | None = None) -> None:
    """Raise :class:`IntegrityError` naming the file when it differs from its record."""
    problem = integrity_problem(name, root, data)
    if problem:
        raise IntegrityError(
            f"table {name!r}: {problem}. The file was changed after the package was built; "
            "reinstall korus-data, or run `korus-data build` to regenerate the descriptor."
        )
