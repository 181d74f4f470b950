"""Progress of long CLI work: on stderr, only on a terminal or when asked."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner

from streams.cli.main import cli
from streams.observability.cli_progress import Progress, progress_wanted, track


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_only_on_a_terminal_unless_asked():
    assert progress_wanted(None, _Terminal()) and not progress_wanted(None, io.StringIO())
    assert progress_wanted(True, io.StringIO()) and not progress_wanted(False, _Terminal())


def test_one_line_redrawn_with_rate_and_time_left():
    ticks = iter(range(100))
    stream = io.StringIO()
    progress = Progress("eval: detecting", 4, stream=stream, min_interval=0.0,
                        clock=lambda: float(next(ticks)))
    assert list(track("abcd", progress)) == list("abcd")
    out = stream.getvalue()
    assert out.startswith("\reval: detecting 1/4 (25%)") and "s left" in out
    assert out.endswith("4/4 (100%) · 1/s · done in 5.0 s\n") and out.count("\n") == 1


def test_disabled_progress_writes_nothing():
    stream = io.StringIO()
    with Progress("x", 3, enabled=False, stream=stream) as progress:
        progress.advance(3)
    assert stream.getvalue() == ""


def test_import_opml_shows_progress_when_asked_and_keeps_stdout_clean(tmp_path):
    opml = tmp_path / "export.opml"
    opml.write_text('<opml version="2.0"><body>'
                    + "".join(f'<outline text="F{n}" xmlUrl="https://f{n}.example/rss"/>' for n in range(3))
                    + "</body></opml>")
    asked = CliRunner().invoke(cli, ["feeds", "import-opml", str(opml), "--progress"])
    assert asked.exit_code == 0
    assert "import-opml: checking entries 3/3 (100%)" in asked.stderr
    assert "checking entries" not in asked.stdout and "https://f2.example/rss" in asked.stdout
    quiet = CliRunner().invoke(cli, ["feeds", "import-opml", str(opml)])
    assert "checking entries" not in quiet.stderr


def test_eval_shows_progress_when_asked(tmp_path):
    data = tmp_path / "dev.jsonl"
    data.write_text("\n".join(json.dumps({"id": f"i{n}", "title": "Weather is fine", "lang": "en",
                                          "leadership_change": False, "events": []}) for n in range(5)))
    done = CliRunner().invoke(cli, ["eval", str(data), "--progress"])
    assert done.exit_code == 0, done.output
    assert "eval: detecting 5/5 (100%)" in done.stderr and "eval: detecting" not in done.stdout
