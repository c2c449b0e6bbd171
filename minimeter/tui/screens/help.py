"""The help screen: every key, every screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# MiniMeter keys

Drop bills (PDF or images) into the inbox folder; they appear on **Jobs** as they are taken.

| Anywhere | |
|---|---|
| `1` `2` `3` `4` `5` | Jobs, Review queue, Dead letters, Insights, Settings/status |
| `ctrl+p` | command palette: every screen and action by name |
| `?` / `f1` | this help |
| `q` / `ctrl+q` | quit (running jobs are finished or released) |
| `tab` / `shift+tab` | move focus |

| Jobs (home) | |
|---|---|
| `↑` `↓` `enter` | choose a job, open its detail |
| `/` | search provider, account or file (`escape` clears) |
| `f` | next status filter |
| `s` / `v` | next sort column / reverse the order |
| `r` | retry the selected job |

| Job detail | |
|---|---|
| `f` `c` `i` `h` | tabs: fields + bill text, checks, items & meters, history |
| `↑` `↓` | choose a field: its source is highlighted in the bill's text |
| `e` | review / edit the bill |
| `r` / `p` | retry / reprocess with another extractor |
| `o` | open the original file (or show its path) |
| `escape` | back |

| Review queue and form | |
|---|---|
| `enter` | review the selected bill (NEEDS_REVIEW first, then dead letters) |
| `↑` `↓` `tab` `enter` | move between fields; errors show under a field as you type |
| `ctrl+s` | approve: stores your corrections, the job becomes SUCCEEDED, the next bill opens |
| `ctrl+r` | reject (discard, kept in history) |
| `ctrl+o` | also export the corrected bill as a labelled eval case (`eval-cases/` in the data folder) |
| `escape` | back without deciding |

| Dead letters | |
|---|---|
| `r` / `a` | retry the selected / all |
| `d` | discard (asks why; kept in history) |
| `enter` | detail |

| Insights | |
|---|---|
| `r` | refresh now (otherwise at most every 30 s: the reports scan the whole store) |
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
