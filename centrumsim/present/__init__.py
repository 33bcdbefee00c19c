"""Presentation, in English or Swedish: the plot set (:mod:`.plots`, one style in :mod:`.style`),
the plan of the centre (:mod:`.plan`), readings of the plots in words (:mod:`.readings`), the
printed text (:mod:`.textreport`), numbers and names as a reader writes them (:mod:`.language`),
plots in a notebook (:mod:`.notebook`) and the files of a run (:mod:`.save`)."""
