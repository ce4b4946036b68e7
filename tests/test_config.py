"""Settings from a config file, the environment and the command line, in that order."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventlens.cli import app
from eventlens.config import Settings
from eventlens.errors import SettingsError

ACTORS = (
    "actors:\n"
    "  - id: KEN-MOMBASA-REPUBLICAN\n    name: Mombasa Republican Council\n    aliases: [MRC]\n"
    "    kind: non_state_armed_group\n    country: KEN\n    sector: rebel\n    cameo_code: KENREB\n"
)


def test_config_file_sets_actors_and_limits_and_env_wins(tmp_path, monkeypatch):
    (tmp_path / "mine.yaml").write_text(ACTORS)
    config = tmp_path / "eventlens.toml"
    config.write_text('[eventlens]\nactors = ["mine.yaml"]\nmax_chars = 5000\ndb = "sqlite:///a.db"\n')
    monkeypatch.setenv("EVENTLENS_CONFIG", str(config))
    monkeypatch.setenv("EVENTLENS_DB", "sqlite:///b.db")
    settings = Settings.from_env()
    assert settings.actors_files == [tmp_path / "mine.yaml"]  # relative to the config file
    assert settings.max_chars == 5000 and settings.db == "sqlite:///b.db"
    assert Settings.from_env(db="sqlite:///c.db").db == "sqlite:///c.db"


def test_config_file_in_the_working_directory_is_found(tmp_path, monkeypatch):
    (tmp_path / "eventlens.toml").write_text('model = "my_pipeline"\n')
    monkeypatch.chdir(tmp_path)
    assert Settings.from_env().model == "my_pipeline"


@pytest.mark.parametrize(
    ("text", "message"),
    [("actor = 'x.yaml'\n", "unknown setting 'actor'"), ("max_chars = 'many'\n", "'max_chars' must be a int"),
     ("actors = [1]\n", "'actors' must be a path"), ("[eventlens\n", "not a readable TOML")],
)
def test_config_file_errors_name_the_file_and_the_setting(tmp_path, monkeypatch, text, message):
    config = tmp_path / "bad.toml"
    config.write_text(text)
    monkeypatch.setenv("EVENTLENS_CONFIG", str(config))
    with pytest.raises(SettingsError, match="E006") as err:
        Settings.from_env()
    assert str(config) in str(err.value) and message in str(err.value)


def test_cli_uses_the_config_files_actors_and_stops_on_a_bad_file(tmp_path, monkeypatch):
    (tmp_path / "mine.yaml").write_text(ACTORS)
    config = tmp_path / "eventlens.toml"
    config.write_text('actors = "mine.yaml"\n')
    monkeypatch.setenv("EVENTLENS_CONFIG", str(config))
    story = tmp_path / "story.txt"
    story.write_text("Members of the MRC attacked a police post in Mombasa on Tuesday, police said.")
    result = CliRunner().invoke(app, ["extract", str(story), "--quiet"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout.splitlines()[0])
    assert doc["events"][0]["source"][0]["actor_id"] == "KEN-MOMBASA-REPUBLICAN"
    config.write_text("colour = 'blue'\n")
    result = CliRunner().invoke(app, ["extract", str(story), "--quiet"])
    assert result.exit_code == 2 and "unknown setting 'colour'" in result.output
