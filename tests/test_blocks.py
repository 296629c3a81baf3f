from __future__ import annotations

import pytest

from schemas.blocks import Block, BlockKind, Cell, built_block, built_blocks, built_cell


@pytest.mark.parametrize("fields", [
    {"kind": BlockKind.paragraph, "text": "整改方案"},
    {"kind": BlockKind.heading, "text": "一、总体要求", "label": "(一)", "page": 3, "span": (4, 10)},
    {"kind": BlockKind.table, "rows": [[Cell(text="序号"), Cell(text="问题", span=(0, 2))]]},
    {"kind": BlockKind.page_break, "span": (7, 7)},
])
def test_built_block_is_the_validated_block(fields: dict[str, object]) -> None:
    built = built_block(**fields)  # type: ignore[arg-type]
    validated = Block.model_validate(fields)
    assert built == validated
    assert built.model_dump() == validated.model_dump()
    assert built.model_dump_json() == validated.model_dump_json()
    copied = built.model_copy(update={"text": "改"})  # a built block copies like any other
    assert copied.text == "改" and built.text == validated.text


def test_models_make_instances_with_object_new() -> None:
    """built_block and built_cell call object.__new__ directly: what the models' __new__ is."""
    assert Block.__new__ is object.__new__ and Cell.__new__ is object.__new__


def test_built_cell_is_the_validated_cell() -> None:
    assert built_cell("市生态环境局", (3, 9)) == Cell(text="市生态环境局", span=(3, 9))
    assert built_cell("").model_dump() == Cell(text="").model_dump()


def test_built_blocks_do_not_share_their_default_rows() -> None:
    first, second = built_block(BlockKind.paragraph), built_block(BlockKind.paragraph)
    assert first.rows == [] and first.rows is not second.rows


def test_built_blocks_set_every_field() -> None:
    """Built instances share one fields-set: it must be all of the model's fields, as
    validation with every field given sets it."""
    block = built_block(BlockKind.paragraph, "正文")
    full = Block.model_validate({"kind": BlockKind.paragraph, "text": "正文", "label": None, "rows": [],
                                 "page": None, "span": None})
    assert block.model_fields_set == full.model_fields_set == set(Block.model_fields)
    assert built_cell("甲").model_fields_set == Cell(text="甲", span=None).model_fields_set
    assert block.model_dump(exclude_unset=True) == full.model_dump(exclude_unset=True)
    copied = block.model_copy(update={"text": "改"})
    assert copied.model_fields_set == set(Block.model_fields) and block.text == "正文"


def test_built_blocks_in_one_call_are_the_validated_blocks() -> None:
    """`built_blocks` (many at once, from dicts of every field) equals validating each dict,
    as `built_block` does, and each block owns its dict."""
    values: list[dict[str, object]] = [
        {"kind": BlockKind.paragraph, "text": "整改方案", "label": None, "rows": [], "page": None, "span": None},
        {"kind": BlockKind.heading, "text": "一、总体要求", "label": "(一)", "rows": [], "page": 3, "span": (4, 10)},
        {"kind": BlockKind.table, "text": "", "label": None,
         "rows": [[Cell(text="序号"), Cell(text="问题", span=(0, 2))]], "page": None, "span": (0, 2)},
        {"kind": BlockKind.page_break, "text": "", "label": None, "rows": [], "page": 2, "span": (7, 7)},
    ]
    built = built_blocks([dict(v) for v in values])
    validated = [Block.model_validate(v) for v in values]
    assert built == validated
    assert [b.model_dump_json() for b in built] == [b.model_dump_json() for b in validated]
    assert [b.model_fields_set for b in built] == [b.model_fields_set for b in validated]
    assert built[0].__dict__ is not built[1].__dict__
    assert built_blocks([]) == []
