"""The interactive page (``centrumsim app``, the ``[app]`` extra): Mesa's SolaraViz with the
scenario, its units and levers, runs over several seeds and the plan of the centre.

:mod:`.levers` (levers → overrides → runs), :mod:`.inputs` (the page's inputs as Mesa describes
model parameters) and :mod:`.figures` (which plots the page shows) need no Solara;
:mod:`.page` is the page itself and :mod:`.server` starts it. Importing this package imports
neither Solara nor Mesa's visualization.
"""
