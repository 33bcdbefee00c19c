"""Presentation: plots (:mod:`.plots`) and the printed text (:mod:`.textreport`)."""
