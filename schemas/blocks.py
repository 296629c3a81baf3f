"""The one stream every loader yields: typed blocks, whatever the source format."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class BlockKind(str, Enum):
    heading = "heading"
    paragraph = "paragraph"
    table = "table"
    page_break = "page_break"


class Cell(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    span: tuple[int, int] | None = Field(default=None, description="set once the text is composed")


class Block(BaseModel):
    """A heading or paragraph (`text`, optional numbering `label` the file did not hold as text),
    a table (`rows` of cells), or a page break. `span` points into `Document.text`."""

    model_config = ConfigDict(extra="forbid")
    kind: BlockKind
    text: str = ""
    label: str | None = None
    rows: list[list[Cell]] = Field(default_factory=list)
    page: int | None = None
    span: tuple[int, int] | None = None


class Parsed(BaseModel):
    """What every parser returns: the blocks plus what the container says about itself."""

    model_config = ConfigDict(extra="forbid")
    blocks: list[Block]
    encoding: str | None = None
    pages: int | None = None
    meta: dict[str, str] = Field(
        default_factory=dict,
        description="container metadata: 'title', 'publish_date' (ISO), 'source' (信息来源) …",
    )
    warnings: list[str] = Field(default_factory=list, description="warning codes such as ocr_used")
