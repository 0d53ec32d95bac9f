"""A Markdown cell with nothing to mark is returned as `visible` shows it, without the steps:
the shortcut gives what every step gives, for every short text over the characters that matter."""

from itertools import product

from bsec_plan.safetext import markdown_cell, marked, visible

# each character a step changes, or that makes one (controls become `\\xNN`), and plain ones
CHARACTERS = "a 1.)\\`*_[]!|~#+-=@&<>\r\n\t\x01\x85\u200b\u2028\u3164é"


def test_the_shortcut_gives_what_every_step_gives() -> None:
    for size in range(4):
        for letters in product(CHARACTERS, repeat=size):
            text = "".join(letters)
            assert markdown_cell(text) == marked(visible(text)), repr(text)


def test_plain_prose_comes_back_as_written() -> None:
    assert markdown_cell("Meeting of the Network, Kyiv.") == "Meeting of the Network, Kyiv."
    assert markdown_cell("2. Meeting") == "2\\. Meeting"
    assert markdown_cell("a\x01b") == "a\\\\x01b"
