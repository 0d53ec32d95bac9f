from bsec_plan.safetext import has_control, json_text, visible


def test_escape_sequences_are_shown_not_obeyed() -> None:
    assert visible("a\x1b[1A\x1b[2Kb") == "a\\x1b[1A\\x1b[2Kb"
    assert visible("title\x1b]0;pwned\x07") == "title\\x1b]0;pwned\\x07"
    assert visible("csi\x9b2J del\x7f") == "csi\\x9b2J del\\x7f"


def test_newline_tab_and_ordinary_text_stay() -> None:
    text = "Country - Coordinator;\n\tRomania – Romanian Intelligence Service «ok»"
    assert visible(text) == text
    assert not has_control(text)
    assert has_control("bell\x07")


def test_json_escapes_what_json_dumps_leaves_raw() -> None:
    assert json_text('"a\x9bb\x7f"') == '"a\\u009bb\\u007f"'
