"""Results: the runs of one scenario as plain data, tidy frames, the summary, and the one place
where files are written (:mod:`.writing`)."""

from .measures import fano_factor, police_list_flags, quantiles, share_top_actors
from .results import Results, identity, jsonable
from .writing import OutputError, OutputFolder, check_manifest, write_results

__all__ = [
    "OutputError", "OutputFolder", "Results", "check_manifest", "fano_factor", "identity", "jsonable",
    "police_list_flags", "quantiles", "share_top_actors", "write_results",
]
