"""delivery — what a person starts: a notebook's kit, the command line, Voilà.

The top layer: it may import every other one. Nothing below imports it.

===================  =========================================================
module               what it holds
===================  =========================================================
``kit``              ``open_kit()``: the content and the learner's results
                     store, in one call from a notebook
``cli``              ``python -m isgrille validate|score|schema|collect|cohort|card|init|present|room``
``batch_cli``        the analyst's commands ``cohort`` and ``card``, progress bars
``cohort_files``     what ``cohort`` writes: the tidy tables (CSV, Excel) and the
                     class charts
``french_parser``    argparse speaking French: usage, help and errors
``validate``         ``validate_file``: any file of the kit, whatever its kind
``schema_export``    the JSON Schemas of every file, written for editors
``score_table``      the rows ``score`` writes, from a cohort CSV or a results file
``kit_files``        where the notebooks and Voilà templates are (checkout or
                     wheel); ``init_workshop`` copies the workshop to a folder
``content_pack``     ``pack``: an editable copy of the content (a trainer's own
                     workshop, read with ``ISGRILLE_CONTENT`` or ``--content``)
``present``          the Voilà command lines (app mode, live slides), offline,
                     idle kernels culled; which folder to serve
``room``             ``room``: the workshop on the local network, room code,
                     trainer key, secrets kept in the room folder; prints
                     the addresses, then serves the room (Solara; or the
                     Voilà room with ``--moteur voila``)
``room_server``      the room's one server process: Solara's settings
                     (offline, no statistics), its routes behind the gate,
                     uvicorn
``room_gate``        the room's gate (ASGI): the code and the key as signed
                     cookies, the cap, Solara's own assets only, French
                     answers
``room_pages``       the room's own French pages (join, full, trainer only,
                     not found, error); Solara's page made French
``room_site``        the room this process serves (folder, secrets, content,
                     hub) and who a request is: the signed cookies
``room_hub``         the room's shared state: the trainer's step sent to every
                     session, one session per participant, who is present
``room_app``         the room's Solara pages: ``/`` and ``/formateur``
``room_participant`` the participant app: the workshop on one phone page,
                     following the trainer
``room_trainer``     the trainer's page, for the projector: the steps, the
                     code, who joined, the room's views
``room_voila``       the room of before on Voilà, a kernel per page
                     (``--moteur voila``)
``room_auth``        the Voilà room's identity provider: visitors, trainer,
                     05_salle
``room_visitor``     in a Voilà room's kernel: the visitor's own results file
``card_html``        a project's card as one self-contained web page
``card_files``       cards as PNG, PDF (a class in one file), HTML; ``write_cards``;
                     the notebooks' « Télécharger ma fiche projet » (``card_button``)
``room_view``        ``open_room()``: the trainer's view of the live room (``05_salle``)
===================  =========================================================
"""
