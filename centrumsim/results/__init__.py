"""Results: the runs of one scenario as plain data, tidy frames, the summary, and the one place
where files are written (:mod:`.folder`, :mod:`.writing`)."""

from .folder import FolderTaken, OutputError, OutputFolder
from .manifest import check_manifest
from .measures import fano_factor, police_list_flags, quantiles, share_top_actors
from .results import Results, identity, jsonable
from .writing import write_csv, write_results

__all__ = [
    "FolderTaken", "OutputError", "OutputFolder", "Results", "check_manifest", "fano_factor", "identity", "jsonable",
    "police_list_flags", "quantiles", "share_top_actors", "write_csv", "write_results",
]
