"""The official files a build reads, by path in a source pack, each with its size and SHA-256:
the manifest ``korus-data sources fetch`` checks every downloaded byte against."""

from __future__ import annotations

from korus_data.schema.codes import SOURCE_ID_PATTERN
from korus_data.schema.model import Field, Table
from korus_data.schema.tables.common import SOURCE_FK

#: A path in a source pack: one folder, one file name.
PACK_PATH_PATTERN = r"^[a-z0-9]+/[A-Za-z0-9][A-Za-z0-9._-]*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"

SOURCE_FILES = Table(
    name="source_files",
    title="The files a build reads from a source pack (curated input)",
    description=(
        "Every file that korus-data build --sources reads, by its path in a source pack laid "
        "out like ../shared/sources, with its size and SHA-256, and the source record that "
        "names its publisher, official address and licence (none for the package's own "
        "compilation of page captures, whose every row names its capture). korus-data sources "
        "fetch refuses a file that differs; a test checks that a build reads exactly these."
    ),
    fields=(
        Field(
            "path", "string", "Path in the source pack (folder/file).", pattern=PACK_PATH_PATTERN
        ),
        Field("bytes", "integer", "Size of the file.", unit="bytes", minimum=1),
        Field("sha256", "string", "SHA-256 of the file, in hex.", pattern=SHA256_PATTERN),
        Field(
            "source_id",
            "string",
            "The file's source record (sources table): publisher, address, licence.",
            required=False,
            pattern=SOURCE_ID_PATTERN,
        ),
        Field("note", "string", "What the file is when no source record names it.", required=False),
    ),
    primary_key=("path",),
    foreign_keys=(SOURCE_FK,),
    folder="curated",
)
