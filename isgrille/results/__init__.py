"""results — a learner's work: what they entered, its file format, where it is kept.

Imports the content layer only. A newcomer who wants to change how a
learner's work is saved opens this package, and nothing else.

=================  ===========================================================
module             what it holds
=================  ===========================================================
``learner``        LearnerResults (plain data) and its JSON text, both ways;
                   LevelReader (level labels read in linear time)
``file_format``    the results file's pydantic model and version (FORMAT, VERSION)
``document``       ``read_document``: a results file's JSON parsed, fast for a
                   plain file, ``parse_json``'s checks and messages otherwise
``store``          ResultsStore (locked read–modify–write, unsaved changes kept
                   in memory, read-only mode), SaveError, ``read_results``,
                   ``save_results``, the download URI
``lock``           ``ResultsLock``: the inter-process lock beside a results file
``kitfile``        a results file on disk: bounded reading, a foreign file
                   refused, set-aside and dated copies that never overwrite
``atomic``         ``write_atomic`` (a failed save never destroys the previous
                   file; permissions kept), stale temporary files
``collect``        ``collect_results``: a class's files gathered by the trainer
                   (``find_class_files``: which files, without reading them)
``walk``           ``scan``: the files under a folder matching a pattern, no
                   link followed down, fast on thousands of homes
``room_state``     ``RoomState``: where the trainer has taken the live room (the
                   step, the statement, the project pitching), ``STEPS``; saved
                   in the room folder, read back after a restart
``room_ratings``   the room's ratings of the project that pitches, one file per
                   project (``save_room_rating``, ``read_room_ratings``)
=================  ===========================================================
"""
