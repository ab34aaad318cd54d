"""Score the extractor on gold files in the format of the shared evaluation sets.

Tasks: `plover` (event type, source-actor country), `ucdp` (location within 50 km, deaths
within the gold range, date overlap), `geoparse` (toponyms within 161 km, recall), `acled`
(ACLED sub-event type, own set), `claims` (certainty, claimant, modality, own set), `linking`
(reports of one event from several outlets grouped as the gold `cluster_id`: pairwise and
B-cubed).
"""

from eventcoder.evaluation.scoring import Case, Report, Score, format_report
from eventcoder.evaluation.tasks import TASKS, guess_task, run_task

__all__ = ["TASKS", "Case", "Report", "Score", "format_report", "guess_task", "run_task"]
