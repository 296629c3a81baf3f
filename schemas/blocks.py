"""The one stream every loader yields: typed blocks, whatever the source format."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from enum import Enum
from itertools import repeat
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class BlockKind(str, Enum):
    heading = "heading"
    paragraph = "paragraph"
    table = "table"
    page_break = "page_break"


# An Enum member looked up on its class costs ten times a module global: code that reads a
# kind for every block compares with these.
TABLE = BlockKind.table
PAGE_BREAK = BlockKind.page_break


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


# Building a model through pydantic's validation costs a few µs (model_copy as much), and the
# parsers and `compose` make a Block per line of a notice and a Cell per table cell. Values
# the code itself made need no validation: these set an instance up as `model_construct`
# does, without its per-field alias and default lookups (which cost more than validating).
SlotSetter = Callable[[object, object], None]
# BaseModel's slots set through their descriptors, bound once: object.__setattr__ looks
# each name up on the model's class first.
set_fields_set: SlotSetter = vars(BaseModel)["__pydantic_fields_set__"].__set__
set_extra: SlotSetter = vars(BaseModel)["__pydantic_extra__"].__set__
set_private: SlotSetter = vars(BaseModel)["__pydantic_private__"].__set__
# and the instance dict's, so too (object.__setattr__ finds it on the class each time)
set_dict: SlotSetter = vars(BaseModel)["__dict__"].__set__
# BaseModel defines no __new__: object's, bound once (`Block.__new__` looks it up through
# pydantic's metaclass on every call, which costs as much again as making the instance).
new_instance = object.__new__
# Every field of a built instance is set, so its fields-set is all the model's fields: one set
# shared by every built instance of the model (pydantic only ever adds a field name to it,
# already there, or copies it), not one made per line.
_BLOCK_FIELDS: set[str] = set(Block.model_fields)
_CELL_FIELDS: set[str] = set(Cell.model_fields)


def built_block(kind: BlockKind, text: str = "", label: str | None = None, rows: list[list[Cell]] | None = None,
                page: int | None = None, span: tuple[int, int] | None = None) -> Block:
    """`Block(kind=kind, text=text, …)` for values of the right types, unvalidated (`rows` is
    kept as given, where validation would copy the lists)."""
    block = new_instance(Block)
    set_dict(block, {"kind": kind, "text": text, "label": label,
                     "rows": [] if rows is None else rows, "page": page, "span": span})
    set_fields_set(block, _BLOCK_FIELDS)
    set_extra(block, None)
    set_private(block, None)
    return block


def built_cell(text: str, span: tuple[int, int] | None = None) -> Cell:
    """`Cell(text=text, span=span)` for values of the right types, unvalidated."""
    cell = new_instance(Cell)
    set_dict(cell, {"text": text, "span": span})
    set_fields_set(cell, _CELL_FIELDS)
    set_extra(cell, None)
    set_private(cell, None)
    return cell


def built_blocks(values: list[dict[str, Any]]) -> list[Block]:
    """`[Block(**v) for v in values]` for dicts holding every field of Block in its order,
    values of the right types, unvalidated: each dict becomes its block's own. Set up as
    `built_block` does, a step at a time over all blocks: `map` runs each step in C, where a
    call per block costs about as much as the steps."""
    count = len(values)
    blocks: list[Block] = list(map(new_instance, repeat(Block, count)))
    deque(map(set_dict, blocks, values), 0)
    deque(map(set_fields_set, blocks, repeat(_BLOCK_FIELDS, count)), 0)
    deque(map(set_extra, blocks, repeat(None, count)), 0)
    deque(map(set_private, blocks, repeat(None, count)), 0)
    return blocks
