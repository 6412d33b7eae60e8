"""What the fuzz tests feed the kit: random bytes, random documents, damaged real files.

Three sources, from the least to the most likely to get deep into a reader:
random bytes; random structured documents (nested lists and mappings of
texts, numbers, booleans and nulls) written as JSON or YAML; and the kit's
own shipped files with a few bytes replaced, inserted or deleted, which
keep enough shape to reach validation.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

from isgrille.content.loading import data_dir

#: The shipped files every mutation starts from, by suffix.
SEEDS = {
    "grid": data_dir() / "grid.yaml",
    "quiz": data_dir() / "quiz.yaml",
    "concepts": data_dir() / "concepts.yaml",
    "workshop": data_dir() / "workshop.yaml",
    "results": data_dir() / "examples" / "results_fictional.json",
    "cohort": data_dir() / "examples" / "cohort_fictional.csv",
    "cohort-cp1252": data_dir() / "examples" / "cohorte_excel_fr.csv",
    "cohort-xlsx": data_dir() / "examples" / "cohorte_classeur.xlsx",
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(max_size=12), children, max_size=5),
    ),
    max_leaves=40,
)


def as_json(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")


def as_yaml(document) -> bytes:
    import yaml

    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8", "surrogatepass")


@st.composite
def mutated(draw, kind: str) -> bytes:
    """The shipped file of ``kind`` with one to five random edits."""
    data = bytearray(SEEDS[kind].read_bytes())
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["replace", "insert", "delete"]))
        chunk = draw(
            st.binary(min_size=1, max_size=8)
            | st.sampled_from(
                [b":", b"-", b"\n", b" ", b"*a", b"&a ", b"{", b"[", b'"', b"\t", b"\x00", b"\r", b";", b","]
            )
        )
        if edit == "replace":
            data[at : at + len(chunk)] = chunk
        elif edit == "insert":
            data[at:at] = chunk
        else:
            del data[at : at + draw(st.integers(1, 40))]
    return bytes(data)


def any_input(kind: str):
    """Bytes for a file of ``kind``: random, a random document, or a damaged shipped file."""
    return st.one_of(
        st.binary(max_size=300),
        documents.map(as_json),
        documents.map(as_yaml),
        mutated(kind),
    )
