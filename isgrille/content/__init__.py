"""content — the workshop's content: its model, and reading and checking the files that hold it.

The lowest layer: it imports nothing else of isgrille. Everything above
(results, analysis, plots, widgets, delivery) builds on it.

=====================  ======================================================
module                 what it holds
=====================  ======================================================
``model``              the domain model: Grid, Dimension, Criterion, Assessment,
                       Quiz, QuizItem (frozen dataclasses, no I/O, no import)
``limits``             the bounds on every input: bytes, depth, values, rows,
                       problems, quoted text
``errors``             ContentError and Problem: one French sentence per
                       problem, naming file, place and what was expected; the
                       system's errors in French words
``reader_words``       what the readers say of a file they refuse: YAML and
                       JSON syntax, kinds of values, tags, too deep, too many
``sources``            reading text (regular files, bounded), YAML (from events:
                       no alias, bounded depth) and JSON with line numbers
``tables``             a trainer's table, CSV (any delimiter, UTF-8 or
                       Windows-1252) or xlsx: header and located rows of texts
``workbooks``          an xlsx sheet opened with openpyxl, bounded (zip checked
                       first), merged header cells seen
``validation``         pydantic → located French problems; YamlDocument (data
                       and lazy line index), FileModel, LocatedError
``typography``         French typography: no-break spaces before ; ! ? : and inside
                       « », decimal comma (``french``, ``french_number``)
``fields``             identifiers, texts (typographed at load) and uniqueness
                       shared by every file model
``grid_file``          the grid's file model (→ Grid)
``quiz_file``          the quiz's file model (→ Quiz)
``concepts_file``      the concepts' file model (dimensions, definitions, key points)
``workshop_file``      the workshop's file model (programme, sequences, ATIS, offers)
``attribution``        whose work an artefact reproduces: the work, its author,
                       licence and adaptation, the grid's origin; footer lines
                       and PNG/PDF/xlsx metadata; LICENSE-CONTENT's address
``loading``            ``load_grid/quiz/concepts/workshop``, ``data_dir``, ``content_dir`` (a pack), kinds, ``shipped_grids``, ``grid_source``
=====================  ======================================================

pydantic and PyYAML are imported by the file models and readers only, on
first load: ``import isgrille.content.loading`` stays light.
"""
