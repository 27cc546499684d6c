from newscollate.align.diff import word_diff


def _changed(a: str, b: str) -> list[tuple[str, str, str]]:
    return [
        (op.op, a[op.a_start : op.a_end], b[op.b_start : op.b_end])
        for op in word_diff(a, b)
        if op.op != "equal"
    ]


def test_trivial_differences_are_not_changes() -> None:
    """Case, quote style, punctuation and U.S./US are not reported."""
    assert _changed("“The U.S. said no,” he said.", '"the US said no" He said') == []


def test_replaced_and_inserted_words() -> None:
    a = "Ukraine recorded almost 100,000 dead and wounded."
    b = "Ukraine recorded 100,000 dead and injured, officials said."
    assert _changed(a, b) == [
        ("delete", "almost", ""),
        ("replace", "wounded.", "injured, officials said."),
    ]


def test_spans_point_into_the_original_text() -> None:
    a, b = "Fire at the port", "Fire at the harbour"
    [op] = [op for op in word_diff(a, b) if op.op != "equal"]
    assert (a[op.a_start : op.a_end], b[op.b_start : op.b_end]) == ("port", "harbour")
